import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { PushSecretFacts } from '@internal/plugin-secrets-sync-common';
import { TONE_COLOURS } from '../../lib/statusPresentation';
import { timeFact } from './TimeFact';

function storeState(
  store: PushSecretFacts['pushSecrets'][number]['stores'][number],
) {
  if (store.error) {
    return { label: 'failed', colour: TONE_COLOURS.error };
  }
  return store.pushed
    ? { label: 'pushed', colour: TONE_COLOURS.ok }
    : { label: 'not pushed yet', colour: TONE_COLOURS.progress };
}

/**
 * The source Secret's PushSecrets and, store by store, whether ESO pushed
 * it there or why not, beside the AWS version of this environment's
 * account: a push that failed for one store is shown on that store only.
 */
export function PushSecretStores(props: {
  facts: PushSecretFacts;
  awsVersionId?: string;
}) {
  const { facts, awsVersionId } = props;
  return (
    <section aria-label="PushSecrets">
      <Typography variant="overline" component="h3">
        PushSecrets of the Secret {facts.sourceSecretName}
      </Typography>
      {facts.pushSecrets.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No PushSecret selects it.
        </Typography>
      ) : (
        <Table size="small" aria-label="Stores">
          <TableHead>
            <TableRow>
              <TableCell>PushSecret</TableCell>
              <TableCell>Store</TableCell>
              <TableCell>Push</TableCell>
              <TableCell>Last push</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {facts.pushSecrets.flatMap(pushSecret =>
              pushSecret.stores.map(store => {
                const state = storeState(store);
                return (
                  <TableRow
                    key={`${pushSecret.resourceName}|${store.kind}/${store.name}`}
                  >
                    <TableCell>{pushSecret.resourceName}</TableCell>
                    <TableCell>
                      {store.kind} {store.name}
                    </TableCell>
                    <TableCell>
                      <span style={{ color: state.colour }}>{state.label}</span>
                      {store.error && (
                        <Typography variant="caption" component="div">
                          {store.error}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{timeFact(pushSecret.refreshTime)}</TableCell>
                  </TableRow>
                );
              }),
            )}
          </TableBody>
        </Table>
      )}
      {awsVersionId && (
        <Typography variant="caption" color="textSecondary">
          AWS version in this environment's account: {awsVersionId}
        </Typography>
      )}
    </section>
  );
}
