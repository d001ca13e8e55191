import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { SECRETS_SYNC_ENVIRONMENTS_ANNOTATION } from '@internal/plugin-secrets-sync-common';

/** Shown when the entity opted in but maps to no environment. */
export function NoEnvironments(props: { tenantKey?: string }) {
  return (
    <EmptyState
      missing="data"
      title="No environments"
      description={
        <>
          <Typography variant="body1" paragraph>
            {props.tenantKey
              ? `Tenant ${props.tenantKey} runs in no environment yet. `
              : ''}
            List the environments this component runs in on the component or on
            its System; the names must match the environments the platform team
            configured.
          </Typography>
          <CodeSnippet
            text={`metadata:\n  annotations:\n    ${SECRETS_SYNC_ENVIRONMENTS_ANNOTATION}: dev, prod`}
            language="yaml"
          />
        </>
      }
    />
  );
}
