import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { Consumer } from '@internal/plugin-secrets-sync-common';
import { TONE_COLOURS } from '../../lib/statusPresentation';
import { relativeTime } from '../../lib/time';

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
                    style={{ display: 'block', color: TONE_COLOURS.warning }}
                  >
                    {consumer.stalePods.length} pod
                    {consumer.stalePods.length === 1 ? '' : 's'} started before
                    the last change still hold old values (
                    {consumer.stalePods
                      .map(pod => `${pod.name}, ${relativeTime(pod.startedAt)}`)
                      .join('; ')}
                    ): restart them to pick up the new values.
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
