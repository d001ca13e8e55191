import { useState } from 'react';
import Button from '@material-ui/core/Button';
import ReplayIcon from '@material-ui/icons/Replay';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  type EnvironmentTopology,
  type WorkloadRef,
  secretsSyncRestrictedWritePermission,
  secretsSyncWorkloadRestartPermission,
} from '@internal/plugin-secrets-sync-common';
import { RestartWorkloadsDialog } from './RestartWorkloadsDialog';
import type { RolloutProgressOptions } from './useRestartWorkloads';

/**
 * The workloads a restart would replace: those the portal restarts (not
 * Reloader's, not Jobs) whose pods predate the Secret's last change.
 */
export function staleRestartable(env: EnvironmentTopology): WorkloadRef[] {
  return env.consumers
    .filter(c => c.restart === 'rollout' && c.stalePods.length > 0)
    .map(c => ({ kind: c.kind as WorkloadRef['kind'], name: c.name }));
}

/**
 * The button that restarts an environment's stale consumers, shown only
 * where there are some and the user may restart them (in a restricted
 * environment, with the restricted permission too); the backend checks the
 * same.
 */
export function RestartWorkloads(props: {
  env: EnvironmentTopology;
  progress?: RolloutProgressOptions;
}) {
  const { entity } = useEntity();
  const resourceRef = stringifyEntityRef(entity);
  const restart = usePermission({
    permission: secretsSyncWorkloadRestartPermission,
    resourceRef,
  });
  const restricted = usePermission({
    permission: secretsSyncRestrictedWritePermission,
    resourceRef,
  });
  const [open, setOpen] = useState(false);
  const workloads = staleRestartable(props.env);
  const allowed =
    restart.allowed &&
    (!props.env.environment.restricted || restricted.allowed);
  if (!workloads.length || !allowed) {
    return null;
  }
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        startIcon={<ReplayIcon />}
        onClick={() => setOpen(true)}
      >
        {workloads.length === 1
          ? `Restart ${workloads[0].name}`
          : `Restart ${workloads.length} workloads`}
      </Button>
      {open && (
        <RestartWorkloadsDialog
          entityRef={getCompoundEntityRef(entity)}
          env={props.env}
          workloads={workloads}
          progress={props.progress}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
