import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import DoneIcon from '@material-ui/icons/CheckCircle';
import FailedIcon from '@material-ui/icons/Error';
import SkippedIcon from '@material-ui/icons/RemoveCircleOutline';
import { Fragment } from 'react';
import type {
  EnvironmentProgress,
  StepState,
} from '../../hooks/useWriteProgress';
import { TONE_COLOURS } from '../../lib/statusPresentation';
import { StatusChip } from '../StatusChip';

const STEP_TEXT: Record<StepState, string> = {
  waiting: 'waiting…',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
};

function Step(props: { state: StepState; label: string; env: string }) {
  const icons: Record<StepState, JSX.Element> = {
    waiting: <CircularProgress size={16} />,
    done: <DoneIcon fontSize="small" style={{ color: TONE_COLOURS.ok }} />,
    failed: (
      <FailedIcon fontSize="small" style={{ color: TONE_COLOURS.error }} />
    ),
    skipped: (
      <SkippedIcon fontSize="small" style={{ color: TONE_COLOURS.inactive }} />
    ),
  };
  return (
    <TableCell
      align="center"
      data-testid={`progress-${props.env}-${props.label}`}
      data-state={props.state}
      title={`${props.label}: ${STEP_TEXT[props.state]}`}
    >
      <Box display="inline-flex" alignItems="center" style={{ gap: 6 }}>
        {icons[props.state]}
        <Typography variant="caption" color="textSecondary">
          {STEP_TEXT[props.state]}
        </Typography>
      </Box>
    </TableCell>
  );
}

/** Per-environment progress of a write, up to the Secret in the cluster. */
export function WriteProgress(props: {
  progress: EnvironmentProgress[];
  titles: Record<string, string>;
}) {
  return (
    <Table size="small" aria-label="Write progress">
      <TableHead>
        <TableRow>
          <TableCell>Environment</TableCell>
          <TableCell align="center">Written to AWS</TableCell>
          <TableCell align="center">Sync requested</TableCell>
          <TableCell align="center">In the cluster</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.progress.map(p => (
          <Fragment key={p.environment}>
            <TableRow>
              <TableCell>
                {props.titles[p.environment] ?? p.environment}
              </TableCell>
              <Step state={p.written} label="written" env={p.environment} />
              <Step
                state={p.syncRequested}
                label="sync-requested"
                env={p.environment}
              />
              <Step
                state={p.materialised}
                label="materialised"
                env={p.environment}
              />
              <TableCell>
                {p.status && <StatusChip status={p.status} />}
              </TableCell>
            </TableRow>
            {p.warning && (
              <TableRow>
                <TableCell colSpan={5}>
                  <Typography
                    variant="body2"
                    style={{ color: TONE_COLOURS.warning }}
                    data-testid={`progress-${p.environment}-warning`}
                  >
                    {p.warning}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {p.message && (
              <TableRow>
                <TableCell colSpan={5}>
                  <Typography
                    variant="body2"
                    color={
                      p.materialised === 'failed' || p.written === 'failed'
                        ? 'error'
                        : 'textSecondary'
                    }
                    data-testid={`progress-${p.environment}-message`}
                  >
                    {p.message}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
