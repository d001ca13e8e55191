import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { Consumer } from '@internal/plugin-secrets-sync-common';
import { TONE_COLOURS } from '../../lib/statusPresentation';
import { relativeTime } from '../../lib/time';

function describeStalePods(pods: Consumer['stalePods']): string {
  const list = pods
    .map(pod => `${pod.name} (started ${relativeTime(pod.startedAt)})`)
    .join(', ');
  return pods.length === 1
    ? `1 pod started before the last change still holds old values: ${list}. Restart it to pick up the new values.`
    : `${pods.length} pods started before the last change still hold old values: ${list}. Restart them to pick up the new values.`;
}

/** Workloads that read the Secret, and their pods still on old values. */
export function ConsumersList(props: { consumers: Consumer[] }) {
  if (props.consumers.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No workload in the namespace reads this Secret.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Consuming workloads">
      {props.consumers.map(consumer => (
        <ListItem key={`${consumer.kind}/${consumer.name}`} disableGutters>
          <ListItemText
            primary={`${consumer.kind} ${consumer.name}`}
            secondary={
              <>
                reads it through {consumer.via.join(', ')}
                {consumer.stalePods.length > 0 && (
                  <span
                    style={{
                      display: 'block',
                      whiteSpace: 'normal',
                      overflowWrap: 'anywhere',
                      color: TONE_COLOURS.warning,
                    }}
                  >
                    {describeStalePods(consumer.stalePods)}
                  </span>
                )}
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
