import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import SyncIcon from '@material-ui/icons/Sync';
import PowerIcon from '@material-ui/icons/PowerSettingsNew';
import EditIcon from '@material-ui/icons/Edit';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import type { SecretsSyncPermissions } from '../../hooks/useSecretsSyncPermissions';
import type { RunningAction } from '../../hooks/useEnvironmentActions';
import { useRestrictedConfirmation } from '../../hooks/useRestrictedConfirmation';
import { ConfirmDisableDialog } from './ConfirmDisableDialog';
import { NextPollNote } from './SyncedSecretFacts';

/** Props of {@link EnvironmentActions}. */
export interface EnvironmentActionsProps {
  env: EnvironmentTopology;
  permissions: SecretsSyncPermissions;
  running?: RunningAction;
  /** `confirmed`: the user confirmed a restricted environment's action. */
  onForceSync: (environment: string, confirmed?: boolean) => void;
  onSetEnabled: (
    environment: string,
    enabled: boolean,
    confirmed?: boolean,
  ) => void;
  onWrite: (environment: string) => void;
}

/**
 * What can be done to one environment. Controls the user may not use are
 * left out; the backend enforces the same permissions.
 */
export function EnvironmentActions(props: EnvironmentActionsProps) {
  const { env, permissions, running } = props;
  const name = env.environment.name;
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const restricted = useRestrictedConfirmation(env);
  const busy = running?.environment === name;
  const canWriteHere = env.environment.restricted
    ? permissions.canWriteRestricted
    : permissions.canWrite;
  // every mutation in a restricted environment needs the restricted permission
  const mayMutateHere =
    !env.environment.restricted || permissions.canWriteRestricted;
  const namespaceMissing = !env.kubernetes.namespaceExists;
  // the engine answers 400 or 409 to what it does not take, so it is not
  // offered; a backend that does not say offers both, as engines did before
  const supports = env.supports ?? { forceSync: true, setEnabled: true };
  const forceSyncHint = env.kubernetes.optedIn
    ? 'Ask the sync engine to re-read AWS Secrets Manager now'
    : 'Enable sync first';

  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {canWriteHere && (
        <Button
          variant="contained"
          color="primary"
          size="small"
          startIcon={<EditIcon />}
          onClick={() => props.onWrite(name)}
        >
          Write values
        </Button>
      )}
      {env.syncedSecret && <NextPollNote facts={env.syncedSecret} />}
      {permissions.canForceSync && mayMutateHere && supports.forceSync && (
        <Tooltip title={forceSyncHint}>
          <span>
            <Button
              variant="outlined"
              size="small"
              startIcon={<SyncIcon />}
              disabled={busy || !env.kubernetes.optedIn}
              onClick={() =>
                restricted.guard('Force a sync', confirmed =>
                  props.onForceSync(name, confirmed),
                )
              }
            >
              {busy && running?.action === 'sync'
                ? 'Requesting…'
                : 'Force sync'}
            </Button>
          </span>
        </Tooltip>
      )}
      {/* elsewhere an object in the cluster (ExternalSecret, SyncedSecret, PushSecret) turns sync on */}
      {permissions.canConfigure && mayMutateHere && supports.setEnabled && (
        <Tooltip
          title={
            namespaceMissing
              ? 'The namespace does not exist'
              : 'Sets the opt-in annotation on the namespace'
          }
        >
          <span>
            <Button
              variant="outlined"
              size="small"
              startIcon={<PowerIcon />}
              disabled={busy || namespaceMissing}
              onClick={() =>
                env.kubernetes.optedIn
                  ? setConfirmingDisable(true)
                  : restricted.guard('Enable sync', confirmed =>
                      props.onSetEnabled(name, true, confirmed),
                    )
              }
            >
              {env.kubernetes.optedIn ? 'Disable sync' : 'Enable sync'}
            </Button>
          </span>
        </Tooltip>
      )}
      {confirmingDisable && (
        <ConfirmDisableDialog
          env={env}
          onCancel={() => setConfirmingDisable(false)}
          onConfirm={() => {
            setConfirmingDisable(false);
            // this dialog names the environment: it is the confirmation
            props.onSetEnabled(name, false, env.environment.restricted);
          }}
        />
      )}
      {restricted.dialog}
    </Box>
  );
}
