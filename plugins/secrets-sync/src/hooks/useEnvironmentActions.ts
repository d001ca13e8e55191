import { useCallback, useState } from 'react';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { alertApiRef, errorApiRef, useApi } from '@backstage/core-plugin-api';
import { secretsSyncApiRef } from '../api';
import { errorMessage } from '../lib/errorMessage';

/** Which action is running for which environment. */
export type RunningAction = { environment: string; action: 'sync' | 'enable' };

/**
 * Force sync and enable/disable for one entity's environments; failures go
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
    (environment: string) =>
      run({ environment, action: 'sync' }, async () => {
        const result = await api.forceSync(entityRef, environment);
        return result.warning
          ? `Sync requested in ${environment}. ${result.warning}`
          : `Sync requested in ${environment}`;
      }),
    [api, entityRef, run],
  );

  const setEnabled = useCallback(
    (environment: string, enabled: boolean) =>
      run({ environment, action: 'enable' }, async () => {
        await api.setSyncEnabled(entityRef, environment, enabled);
        return `Sync ${enabled ? 'enabled' : 'disabled'} in ${environment}`;
      }),
    [api, entityRef, run],
  );

  return { forceSync, setEnabled, running };
}
