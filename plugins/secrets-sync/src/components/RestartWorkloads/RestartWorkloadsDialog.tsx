import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Alert from '@material-ui/lab/Alert';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EnvironmentTopology,
  WorkloadRef,
} from '@internal/plugin-secrets-sync-common';
import { describeOutcome, describeRollout } from './describeRollout';
import {
  type RolloutProgressOptions,
  useRestartWorkloads,
} from './useRestartWorkloads';

/** Props of {@link RestartWorkloadsDialog}. */
export interface RestartWorkloadsDialogProps {
  entityRef: CompoundEntityRef;
  env: EnvironmentTopology;
  /** The workloads to restart, as the backend found them consuming the Secret. */
  workloads: WorkloadRef[];
  onClose: () => void;
  progress?: RolloutProgressOptions;
}

/**
 * Asks before restarting, naming every workload, then follows the
 * rollouts until the new pods are ready or it stops following, saying what
 * the cluster reported.
 */
export function RestartWorkloadsDialog(props: RestartWorkloadsDialogProps) {
  const { env, workloads } = props;
  const { title, restricted } = env.environment;
  const { state, restart } = useRestartWorkloads(
    props.entityRef,
    env.environment.name,
    props.progress,
  );
  const started = state.phase !== 'idle';
  const running = state.phase === 'restarting' || state.phase === 'following';
  const outcome = describeOutcome(state.phase, state.rollouts);
  const names = workloads.map(w => `${w.kind} ${w.name}`);

  return (
    <Dialog
      open
      fullWidth
      maxWidth="sm"
      onClose={running ? undefined : props.onClose}
      aria-labelledby="restart-workloads-title"
    >
      <DialogTitle id="restart-workloads-title">
        {`${started ? 'Restarting' : 'Restart'} ${
          names.length === 1 ? names[0] : `${names.length} workloads`
        } in ${title}${started ? '' : '?'}`}
      </DialogTitle>
      <DialogContent>
        {!started && (
          <>
            <DialogContentText>
              Their pods started before the Secret last changed and still hold
              the old values. Restarting replaces every pod, as{' '}
              <code>kubectl rollout restart</code> does:
            </DialogContentText>
            <List dense aria-label="Workloads to restart">
              {names.map(name => (
                <ListItem key={name} disableGutters>
                  <ListItemText primary={name} />
                </ListItem>
              ))}
            </List>
            {restricted && (
              <Alert severity="warning" data-testid="restart-restricted">
                {title} is a restricted environment (account{' '}
                {env.environment.aws.accountId}).
              </Alert>
            )}
          </>
        )}
        {started && (
          <Box aria-live="polite">
            {running && <LinearProgress aria-label="Restart in progress" />}
            {state.phase === 'restarting' && (
              <DialogContentText>Requesting the restart…</DialogContentText>
            )}
            <List dense aria-label="Rollouts">
              {state.rollouts.map(rollout => (
                <ListItem
                  key={`${rollout.kind}/${rollout.name}`}
                  disableGutters
                >
                  <ListItemText
                    primary={`${rollout.kind} ${rollout.name}`}
                    secondary={describeRollout(rollout)}
                  />
                </ListItem>
              ))}
            </List>
            {outcome && (
              <Alert
                severity={state.phase === 'complete' ? 'success' : 'info'}
                data-testid="restart-outcome"
              >
                {outcome}
              </Alert>
            )}
            {state.error && <Alert severity="error">{state.error}</Alert>}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {!started ? (
          <>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button
              color="primary"
              variant="contained"
              onClick={() => restart(workloads, restricted || undefined)}
            >
              Restart in {title}
            </Button>
          </>
        ) : (
          <Button
            onClick={props.onClose}
            disabled={state.phase === 'restarting'}
          >
            Close
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
