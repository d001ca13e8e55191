import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  WorkloadRef,
  WorkloadRollout,
} from '@internal/plugin-secrets-sync-common';
import { secretsSyncApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';

/** How often and for how long a restart's rollouts are followed. */
export interface RolloutProgressOptions {
  /** Time between polls, in milliseconds; defaults to 2000. */
  pollIntervalMs?: number;
  /** How long to follow the rollouts, in milliseconds; defaults to 90000. */
  timeoutMs?: number;
}

/**
 * Where a restart stands: `restarting` until the backend answered,
 * `following` while rollouts are polled, then `complete` (every new pod
 * ready), `stopped` (the time ran out first: the cluster's last word is
 * shown, not a guess) or `failed`.
 */
export type RestartPhase =
  | 'idle'
  | 'restarting'
  | 'following'
  | 'complete'
  | 'stopped'
  | 'failed';

/** The state of one restart. */
export interface RestartState {
  phase: RestartPhase;
  rollouts: WorkloadRollout[];
  error?: string;
}

const sameRef = (a: WorkloadRef) => (b: WorkloadRef) =>
  a.kind === b.kind && a.name === b.name;

/**
 * Restarts workloads, then follows their rollouts until every new pod is
 * ready or the time runs out, as the write dialog follows a sync.
 */
export function useRestartWorkloads(
  entityRef: CompoundEntityRef,
  environment: string,
  options: RolloutProgressOptions = {},
) {
  const api = useApi(secretsSyncApiRef);
  const { pollIntervalMs = 2000, timeoutMs = 90_000 } = options;
  const [state, setState] = useState<RestartState>({
    phase: 'idle',
    rollouts: [],
  });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const active = useRef(true);
  useEffect(
    () => () => {
      active.current = false;
      clearTimeout(timer.current);
    },
    [],
  );

  const restart = useCallback(
    async (workloads: WorkloadRef[], confirmRestricted?: boolean) => {
      setState({ phase: 'restarting', rollouts: [] });
      let started;
      try {
        started = await api.restartWorkloads(
          entityRef,
          environment,
          workloads,
          {
            confirmRestricted,
          },
        );
      } catch (error) {
        setState({ phase: 'failed', rollouts: [], error: errorMessage(error) });
        return;
      }
      const deadline = Date.now() + timeoutMs;
      const ours = (rollouts: WorkloadRollout[]) =>
        rollouts.filter(rollout => workloads.some(sameRef(rollout)));
      const follow = async (rollouts: WorkloadRollout[]) => {
        if (!active.current) return;
        const done = rollouts.every(rollout => rollout.phase === 'complete');
        if (done || Date.now() >= deadline) {
          setState({ phase: done ? 'complete' : 'stopped', rollouts });
          return;
        }
        setState({ phase: 'following', rollouts });
        timer.current = setTimeout(async () => {
          try {
            const next = await api.getWorkloadRollouts(entityRef, environment);
            await follow(ours(next.workloads));
          } catch (error) {
            if (active.current) {
              setState({
                phase: 'failed',
                rollouts,
                error: errorMessage(error),
              });
            }
          }
        }, pollIntervalMs);
      };
      await follow(ours(started.workloads));
    },
    [api, entityRef, environment, pollIntervalMs, timeoutMs],
  );

  return { state, restart };
}
