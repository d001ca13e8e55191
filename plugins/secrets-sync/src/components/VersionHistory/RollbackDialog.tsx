import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  EnvironmentTopology,
  HistoryVersion,
  RollbackResponse,
} from '@internal/plugin-secrets-sync-common';
import { secretsSyncApiRef } from '../../api';
import { describeChanges, shortVersion } from './describeVersion';

/** Props of {@link RollbackDialog}. */
export interface RollbackDialogProps {
  entityRef: CompoundEntityRef;
  env: EnvironmentTopology;
  version: HistoryVersion;
  /** The version that is current now, which becomes AWSPREVIOUS. */
  current?: HistoryVersion;
  onClose: () => void;
  /** Called once the rollback is done, to read the history again. */
  onRolledBack: (response: RollbackResponse) => void;
}

/**
 * Asks before making an earlier version current again, naming both
 * versions; in a restricted environment it says so, as the other restricted
 * confirmations do, and the request confirms it to the backend.
 */
export function RollbackDialog(props: RollbackDialogProps) {
  const api = useApi(secretsSyncApiRef);
  const { env, version, current } = props;
  const { title, restricted, aws } = env.environment;
  const [state, setState] = useState<
    | { phase: 'asking' | 'rolling-back' }
    | { phase: 'done'; response: RollbackResponse }
    | { phase: 'failed'; message: string }
  >({ phase: 'asking' });

  const rollback = async () => {
    setState({ phase: 'rolling-back' });
    try {
      const response = await api.rollbackVersion(
        props.entityRef,
        env.environment.name,
        version.versionId,
        { confirmRestricted: restricted },
      );
      setState({ phase: 'done', response });
      props.onRolledBack(response);
    } catch (error) {
      setState({ phase: 'failed', message: (error as Error).message });
    }
  };

  const action = `Roll back to ${shortVersion(version.versionId)}`;
  return (
    <Dialog
      open
      fullWidth
      maxWidth="sm"
      onClose={state.phase === 'rolling-back' ? undefined : props.onClose}
      aria-labelledby="rollback-title"
    >
      <DialogTitle id="rollback-title">
        {action} in {title}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText data-testid="rollback-explanation">
          Version <code>{version.versionId}</code> becomes current again
          {current ? (
            <>
              ; the current version <code>{current.versionId}</code> becomes the
              previous one
            </>
          ) : null}
          . Then the environment is asked to sync. That version&apos;s keys
          against the version it replaced: {describeChanges(version).join('; ')}
          .
        </DialogContentText>
        {restricted && (
          <DialogContentText data-testid="restricted-action-confirmation">
            {title} is a restricted environment (account {aws.accountId}). This
            changes what its workloads receive.
          </DialogContentText>
        )}
        {state.phase === 'rolling-back' && <LinearProgress />}
        {state.phase === 'done' && (
          <Alert severity={state.response.warning ? 'warning' : 'success'}>
            Version {shortVersion(state.response.versionId)} is current
            {state.response.syncRequested ? '; a sync was requested' : ''}.
            {state.response.warning ? ` ${state.response.warning}` : ''}
          </Alert>
        )}
        {state.phase === 'failed' && (
          <Alert severity="error">{state.message}</Alert>
        )}
      </DialogContent>
      <DialogActions>
        {state.phase === 'done' ? (
          <Button onClick={props.onClose}>Close</Button>
        ) : (
          <>
            <Button
              onClick={props.onClose}
              disabled={state.phase === 'rolling-back'}
            >
              Cancel
            </Button>
            <Button
              color="primary"
              variant="contained"
              onClick={rollback}
              disabled={state.phase === 'rolling-back'}
            >
              {restricted ? `${action} in ${title}` : action}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
