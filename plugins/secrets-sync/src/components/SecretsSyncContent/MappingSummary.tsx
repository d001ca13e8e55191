import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { TenantMapping } from '@internal/plugin-secrets-sync-common';

/** The tenant key, where the environment list came from, and any conflict. */
export function MappingSummary(props: { mapping?: TenantMapping }) {
  const { mapping } = props;
  if (!mapping) {
    return null;
  }
  return (
    <Box>
      <Typography variant="body2" color="textSecondary">
        Tenant <code>{mapping.tenantKey}</code> · environments{' '}
        {mapping.environmentsSource === 'system'
          ? 'inherited from its System'
          : 'listed on the component'}
      </Typography>
      {mapping.conflict && (
        <Box marginTop={1}>
          {/* the backend's message says whether the key is invalid (writes
              refused) or claimed twice (the platform's binding decides) */}
          <Alert severity="warning">
            <AlertTitle>Tenant key {mapping.tenantKey}</AlertTitle>
            {mapping.conflict.message}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
