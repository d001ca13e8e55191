import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import type { Consumer } from '@internal/plugin-secrets-sync-common';
import { TONE_COLOURS } from '../../lib/statusPresentation';
import { relativeTime } from '../../lib/time';

/** How a consumer picks up new values, when that is not a restart from here. */
const PICKS_UP: Partial<Record<NonNullable<Consumer['restart']>, string>> = {
  reloader: 'Reloader restarts it when the Secret changes.',
  'next-run': 'The next run picks it up.',
};

function describeStalePods(consumer: Consumer): string {
  const pods = consumer.stalePods;
  const list = pods
    .map(pod => `${pod.name} (started ${relativeTime(pod.startedAt)})`)
    .join(', ');
  const what =
    pods.length === 1
      ? `1 pod started before the last change still holds old values: ${list}.`
      : `${pods.length} pods started before the last change still hold old values: ${list}.`;
  if (consumer.restart === 'reloader') {
    return `${what} Reloader restarts it for this Secret.`;
  }
  if (consumer.restart === 'next-run') {
    return `${what} The next run picks up the new values.`;
  }
  return pods.length === 1
    ? `${what} Restart it to pick up the new values.`
    : `${what} Restart them to pick up the new values.`;
}

/**
 * Workloads that read the Secret, and their pods still on old values;
 * `restartControl` (the restart button, where there is one) follows them.
 */
export function ConsumersList(props: {
  consumers: Consumer[];
  restartControl?: ReactNode;
}) {
  if (props.consumers.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No workload in the namespace reads this Secret.
      </Typography>
    );
  }
  return (
    <>
      <List dense disablePadding aria-label="Consuming workloads">
        {props.consumers.map(consumer => (
          <ListItem key={`${consumer.kind}/${consumer.name}`} disableGutters>
            <ListItemText
              primary={`${consumer.kind} ${consumer.name}`}
              secondary={
                <>
                  reads it through {consumer.via.join(', ')}
                  {consumer.restart &&
                    PICKS_UP[consumer.restart] &&
                    consumer.stalePods.length === 0 && (
                      <span style={{ display: 'block' }}>
                        {PICKS_UP[consumer.restart]}
                      </span>
                    )}
                  {consumer.stalePods.length > 0 && (
                    <span
                      style={{
                        display: 'block',
                        whiteSpace: 'normal',
                        overflowWrap: 'anywhere',
                        color: TONE_COLOURS.warning,
                      }}
                    >
                      {describeStalePods(consumer)}
                    </span>
                  )}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
      {props.restartControl}
    </>
  );
}
