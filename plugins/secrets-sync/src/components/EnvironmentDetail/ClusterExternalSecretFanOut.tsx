import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ClusterExternalSecretFacts,
  ClusterExternalSecretNamespace,
} from '@internal/plugin-secrets-sync-common';
import { TONE_COLOURS } from '../../lib/statusPresentation';
import { StatusChip } from '../StatusChip';

const STATE_LABELS: Record<
  ClusterExternalSecretNamespace['state'],
  { label: string; colour: string }
> = {
  provisioned: { label: 'provisioned', colour: TONE_COLOURS.ok },
  failed: { label: 'failed', colour: TONE_COLOURS.error },
  selected: { label: 'not provisioned yet', colour: TONE_COLOURS.progress },
};

function secretCell(namespace: ClusterExternalSecretNamespace) {
  if (!namespace.secretName) {
    return '—';
  }
  return namespace.secretExists
    ? namespace.secretName
    : `${namespace.secretName} (not created)`;
}

function consumersCell(namespace: ClusterExternalSecretNamespace) {
  if (namespace.consumers.length === 0) {
    return 'none';
  }
  return namespace.consumers
    .map(consumer => `${consumer.kind} ${consumer.name}`)
    .join(', ');
}

/**
 * A shared secret's fan-out: every namespace its ClusterExternalSecret
 * selects, whether ESO provisioned the ExternalSecret there or why not,
 * the Secret it fills and who reads it. One failed namespace is shown on
 * its own row, with ESO's reason, while the others stay synced.
 */
export function ClusterExternalSecretFanOut(props: {
  facts: ClusterExternalSecretFacts;
}) {
  const { facts } = props;
  const title = `Namespaces of the ClusterExternalSecret ${facts.resourceName}`;
  if (!facts.exists) {
    return (
      <section aria-label="Fan-out">
        <Typography variant="overline" component="h3">
          {title}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          No ClusterExternalSecret {facts.resourceName} exists in the cluster,
          so no namespace receives this secret.
        </Typography>
      </section>
    );
  }
  return (
    <section aria-label="Fan-out">
      <Typography variant="overline" component="h3">
        {title}
      </Typography>
      {facts.namespaces.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          It selects no namespace: label a namespace to match its selectors.
        </Typography>
      ) : (
        <Table size="small" aria-label="Namespaces">
          <TableHead>
            <TableRow>
              <TableCell>Namespace</TableCell>
              <TableCell>ExternalSecret</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Secret</TableCell>
              <TableCell>Consumers</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {facts.namespaces.map(namespace => {
              const state = STATE_LABELS[namespace.state];
              return (
                <TableRow key={namespace.namespace}>
                  <TableCell>{namespace.namespace}</TableCell>
                  <TableCell>
                    <span style={{ color: state.colour }}>{state.label}</span>
                  </TableCell>
                  <TableCell>
                    <StatusChip status={namespace.status} />
                    {namespace.reason && (
                      <Typography variant="caption" component="div">
                        {namespace.reason}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{secretCell(namespace)}</TableCell>
                  <TableCell>{consumersCell(namespace)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Typography variant="caption" color="textSecondary">
        ESO creates ExternalSecret {facts.externalSecretName} in each selected
        namespace
        {facts.refreshInterval
          ? ` and looks for newly selected ones every ${facts.refreshInterval}`
          : ''}
        .
      </Typography>
    </section>
  );
}
