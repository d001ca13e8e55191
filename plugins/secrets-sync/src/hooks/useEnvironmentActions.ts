import { useCallback, useState } from 'react';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { alertApiRef, errorApiRef, useApi } from '@backstage/core-plugin-api';
import { secretsSyncApiRef } from '../api';
import { errorMessage } from '../lib/errorMessage';

const RESTRICTED_CONFIRMED = { confirmRestricted: true };

/** Which action is running for which environment. */
export type RunningAction = { environment: string; action: 'sync' | 'enable' };

/**
 * Force sync and enable/disable for one entity's environments (`confirmed`
 * tells the backend a restricted environment's action was confirmed); failures go
 * to the error API with the backend's message, then the topology reloads.
 */
export function useEnvironmentActions(
  entityRef: CompoundEntityRef,
  onChanged: () => void,
) {
  const api = useApi(secretsSyncApiRef);
  const errorApi = useApi(errorApiRef);
  const alertApi = useApi(alertApiRef);
  const [running, setRunning] = useState<RunningAction>();

  const run = useCallback(
    async (current: RunningAction, action: () => Promise<string>) => {
      setRunning(current);
      try {
        const message = await action();
        alertApi.post({ message, severity: 'success', display: 'transient' });
      } catch (error) {
        errorApi.post(new Error(errorMessage(error)));
      } finally {
        setRunning(undefined);
        onChanged();
      }
    },
    [alertApi, errorApi, onChanged],
  );

  const forceSync = useCallback(
    (environment: string, confirmed = false) =>
      run({ environment, action: 'sync' }, async () => {
        const result = confirmed
          ? await api.forceSync(entityRef, environment, RESTRICTED_CONFIRMED)
          : await api.forceSync(entityRef, environment);
        return result.warning
          ? `Sync requested in ${environment}. ${result.warning}`
          : `Sync requested in ${environment}`;
      }),
    [api, entityRef, run],
  );

  const setEnabled = useCallback(
    (environment: string, enabled: boolean, confirmed = false) =>
      run({ environment, action: 'enable' }, async () => {
        await (confirmed
          ? api.setSyncEnabled(
              entityRef,
              environment,
              enabled,
              RESTRICTED_CONFIRMED,
            )
          : api.setSyncEnabled(entityRef, environment, enabled));
        return `Sync ${enabled ? 'enabled' : 'disabled'} in ${environment}`;
      }),
    [api, entityRef, run],
  );

  return { forceSync, setEnabled, running };
}
