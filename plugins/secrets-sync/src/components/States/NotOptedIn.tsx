import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';

/** Shown when the entity has no secrets-sync annotations. */
export function NotOptedIn(props: { entityName: string }) {
  const snippet = `metadata:
  annotations:
    ${SECRETS_SYNC_TENANT_KEY_ANNOTATION}: ${props.entityName}
    ${SECRETS_SYNC_ENVIRONMENTS_ANNOTATION}: dev, prod`;
  return (
    <EmptyState
      missing="field"
      title="This component does not use secrets-sync yet"
      description={
        <>
          <Typography variant="body1" paragraph>
            Add these annotations to its <code>catalog-info.yaml</code>. The
            tenant key names the AWS secret and namespace; list the environments
            it runs in, or leave the list out to inherit its System's.
          </Typography>
          <CodeSnippet text={snippet} language="yaml" showCopyCodeButton />
        </>
      }
    />
  );
}
