import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { SyncStatus } from '@internal/plugin-secrets-sync-common';
import { presentStatus, TONE_COLOURS } from '../../lib/statusPresentation';

const useStyles = makeStyles({
  chip: {
    color: '#fff',
    fontWeight: 600,
  },
});

/** A status as a coloured chip, the same colour as its graph node. */
export function StatusChip(props: {
  status: SyncStatus;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const presentation = presentStatus(props.status);
  return (
    <Chip
      className={classes.chip}
      style={{ backgroundColor: TONE_COLOURS[presentation.tone] }}
      size={props.size ?? 'small'}
      label={presentation.label}
      data-status={props.status}
    />
  );
}
