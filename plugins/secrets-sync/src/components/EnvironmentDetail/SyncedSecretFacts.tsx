import Typography from '@material-ui/core/Typography';
import type { SyncedSecretFacts as Facts } from '@internal/plugin-secrets-sync-common';
import { FactList } from './FactList';
import { timeFact } from './TimeFact';

/**
 * What kube-secret-syncer's SyncedSecret says. It polls AWS instead of
 * offering a force sync, so this says when the Secret is due to follow.
 */
export function SyncedSecretFacts(props: { facts: Facts }) {
  const { facts } = props;
  return (
    <FactList
      title="kube-secret-syncer"
      facts={[
        ['Resource', `${facts.apiVersion} ${facts.resourceName}`],
        [
          'Version in the Secret',
          facts.currentVersionID ?? 'not reported by the controller',
        ],
        [
          'Polls AWS',
          `every ${facts.pollIntervalSeconds} s, rewrites the Secret every ${facts.resyncIntervalSeconds} s`,
        ],
        ['Secret due', timeFact(facts.dueBy)],
      ]}
    />
  );
}

/**
 * Said in place of a force-sync button: kube-secret-syncer has none, and a
 * button that does nothing would mislead.
 */
export function NextPollNote(props: { facts: Facts }) {
  const { facts } = props;
  const due = timeFact(facts.dueBy);
  // past its due time the controller is late (or within the grace period)
  const overdue =
    facts.dueBy !== undefined && new Date(facts.dueBy).getTime() < Date.now();
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="next-poll-note"
    >
      No force sync: kube-secret-syncer polls AWS every{' '}
      {facts.pollIntervalSeconds} s.{' '}
      {due ? (
        <>
          The Secret {overdue ? 'was' : 'is'} due {due}.
        </>
      ) : (
        'The Secret is up to date.'
      )}
    </Typography>
  );
}
