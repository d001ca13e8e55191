import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { FleetEnvironmentStatus } from '@internal/plugin-secrets-sync-common';
import { presentStatus } from '../../lib/statusPresentation';
import { absoluteTime, relativeTime } from '../../lib/time';
import { StatusChip } from '../StatusChip';

/** One component in one environment: its status, last change and stale pods. */
export function FleetCell(props: {
  status: FleetEnvironmentStatus;
  environmentTitle: string;
  componentTitle: string;
  link: string;
}) {
  const { status } = props;
  const changed = relativeTime(status.lastChangedAt);
  const presentation = presentStatus(status.status);
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 2 }}>
      <Link
        to={props.link}
        aria-label={`${props.componentTitle} in ${props.environmentTitle}: ${presentation.label}`}
        data-testid={`fleet-cell-${status.environment}`}
        underline="none"
      >
        <StatusChip status={status.status} />
      </Link>
      {changed && (
        <Typography
          variant="caption"
          color="textSecondary"
          title={absoluteTime(status.lastChangedAt)}
        >
          changed {changed}
        </Typography>
      )}
      {status.stalePods ? (
        <Typography variant="caption" color="textSecondary">
          {status.stalePods === 1
            ? '1 pod holds old values'
            : `${status.stalePods} pods hold old values`}
        </Typography>
      ) : null}
    </Box>
  );
}
