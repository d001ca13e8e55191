import { useState, type ReactNode } from 'react';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { ConfirmRestrictedDialog } from '../components/EnvironmentDetail/ConfirmRestrictedDialog';

/**
 * Runs an environment action at once where the environment is not
 * restricted, and after an explicit confirmation where it is; `run` learns
 * whether it was confirmed, to tell the backend.
 */
export function useRestrictedConfirmation(env: EnvironmentTopology): {
  guard: (action: string, run: (confirmed: boolean) => void) => void;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<{
    action: string;
    run: (confirmed: boolean) => void;
  }>();
  return {
    guard(action, run) {
      if (env.environment.restricted) {
        setPending({ action, run });
      } else {
        run(false);
      }
    },
    dialog: pending ? (
      <ConfirmRestrictedDialog
        env={env}
        action={pending.action}
        onCancel={() => setPending(undefined)}
        onConfirm={() => {
          setPending(undefined);
          pending.run(true);
        }}
      />
    ) : null,
  };
}
