import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  SYNC_STATUSES,
  type SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import { presentStatus, TONE_COLOURS } from '../../lib/statusPresentation';

/**
 * Environments per status over every matching component, not just this
 * page; a count is also the quickest way to filter by its status.
 */
export function FleetStatusCounts(props: {
  counts: Record<string, number>;
  totalEntities: number;
  selected?: SyncStatus;
  onSelect: (status?: SyncStatus) => void;
}) {
  const present = SYNC_STATUSES.filter(status => props.counts[status]);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 8 }}
      aria-label="Environments per status"
      role="group"
    >
      <Typography variant="subtitle1" component="span">
        {props.totalEntities === 1
          ? '1 component'
          : `${props.totalEntities} components`}
      </Typography>
      {present.map(status => {
        const presentation = presentStatus(status);
        const active = props.selected === status;
        return (
          <Chip
            key={status}
            data-status={status}
            label={`${presentation.label}: ${props.counts[status]}`}
            title={presentation.meaning}
            clickable
            aria-pressed={active}
            variant={active ? 'default' : 'outlined'}
            onClick={() => props.onSelect(active ? undefined : status)}
            style={
              active
                ? {
                    backgroundColor: TONE_COLOURS[presentation.tone],
                    color: '#fff',
                  }
                : {
                    borderColor: TONE_COLOURS[presentation.tone],
                    color: TONE_COLOURS[presentation.tone],
                  }
            }
          />
        );
      })}
    </Box>
  );
}
