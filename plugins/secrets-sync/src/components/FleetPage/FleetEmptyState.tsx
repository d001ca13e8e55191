import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';

const OPT_IN_SNIPPET = `metadata:
  annotations:
    ${SECRETS_SYNC_TENANT_KEY_ANNOTATION}: checkout-web
    ${SECRETS_SYNC_ENVIRONMENTS_ANNOTATION}: dev, prod`;

/** No component to show yet: how one opts in, and who sees which. */
export function FleetEmptyState() {
  return (
    <EmptyState
      missing="data"
      title="No component you may see uses secrets-sync yet"
      description={
        <>
          <Typography variant="body1" paragraph>
            A component opts in with these annotations in its{' '}
            <code>catalog-info.yaml</code>: the tenant key names its AWS secret
            and namespace, and the environments it runs in can also come from
            its System.
          </Typography>
          <CodeSnippet
            text={OPT_IN_SNIPPET}
            language="yaml"
            showCopyCodeButton
          />
          <Typography variant="body2" color="textSecondary">
            The fleet lists the components you own; members of the groups in{' '}
            <code>secretsSync.platformReaders</code> see every one.
          </Typography>
        </>
      }
    />
  );
}

/** Components exist, but none matches the filters. */
export function FleetNoMatch(props: { onClear: () => void }) {
  return (
    <EmptyState
      missing="content"
      title="No component matches these filters"
      action={
        <Button variant="outlined" onClick={props.onClear}>
          Clear filters
        </Button>
      }
    />
  );
}
