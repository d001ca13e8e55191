import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  SyncStatus,
  WriteValuesRequest,
} from '@internal/plugin-secrets-sync-common';
import { secretsSyncApiRef } from '../api';
import { errorMessage } from '../lib/errorMessage';
import { isMaterialised } from '../lib/isMaterialised';
import { messagesByEnvironment } from '../lib/messagesByEnvironment';
import { presentStatus } from '../lib/statusPresentation';

/** State of one step of a write in one environment. */
export type StepState = 'waiting' | 'done' | 'failed' | 'skipped';

/** How far a write got in one environment. */
export interface EnvironmentProgress {
  environment: string;
  written: StepState;
  syncRequested: StepState;
  materialised: StepState;
  /** What went wrong or what the user should know; never a value. */
  message?: string;
  /**
   * The backend's warning about a write that succeeded (such as a sync it
   * could not request); kept while the write is followed, unlike `message`.
   */
  warning?: string;
  status?: SyncStatus;
}

/**
 * How often and for how long a write's progress is followed; tests and
 * demos shorten it.
 *
 * @public
 */
export interface WriteProgressOptions {
  /** Time between polls of the topology, in milliseconds; defaults to 2000. */
  pollIntervalMs?: number;
  /**
   * How long to wait for the Secret to reflect the write, in milliseconds;
   * defaults to 150000.
   */
  timeoutMs?: number;
}

/**
 * Statuses a write cannot get out of by waiting: polling stops and says what
 * a person has to do.
 */
const NEEDS_A_PERSON: Partial<Record<SyncStatus, string>> = {
  'not-enabled':
    'Stored in AWS, but sync is not enabled here: enable sync to bring the values into the cluster.',
  unowned:
    'Stored in AWS, but the Secret in the namespace is not owned by the operator, which will not overwrite it.',
  'namespace-missing':
    'Stored in AWS, but the namespace does not exist yet: the values reach the cluster once it is created and enabled.',
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Sends a write, then follows each environment from "written" through
 * "sync requested" to "materialised" by polling the topology until the
 * Secret reflects the write or the timeout passes. Only key names are kept.
 */
export function useWriteProgress(
  entityRef: CompoundEntityRef,
  options: WriteProgressOptions = {},
) {
  const api = useApi(secretsSyncApiRef);
  const errorApi = useApi(errorApiRef);
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  // Longer than the backend's default pending grace period (120 s): past it
  // the status turns "drifted", which says more than a timeout would.
  const timeoutMs = options.timeoutMs ?? 150_000;
  const [progress, setProgress] = useState<EnvironmentProgress[]>([]);
  const [finished, setFinished] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = useCallback(
    (environment: string, change: Partial<EnvironmentProgress>) =>
      setProgress(current =>
        current.map(p =>
          p.environment === environment ? { ...p, ...change } : p,
        ),
      ),
    [],
  );

  const poll = useCallback(
    async (
      environments: string[],
      written: { set: string[]; unset: string[] },
    ) => {
      const waiting = new Set(environments);
      const deadline = Date.now() + timeoutMs;
      const last = new Map<string, SyncStatus>();
      while (waiting.size > 0 && Date.now() < deadline && mounted.current) {
        await sleep(pollIntervalMs);
        if (!mounted.current) return;
        try {
          const topology = await api.getEntityTopology(entityRef);
          for (const env of topology.environments) {
            const name = env.environment.name;
            if (!waiting.has(name)) continue;
            last.set(name, env.status);
            if (isMaterialised(env, written)) {
              waiting.delete(name);
              update(name, {
                materialised: 'done',
                status: env.status,
                message: undefined,
              });
            } else if (NEEDS_A_PERSON[env.status]) {
              waiting.delete(name);
              update(name, {
                materialised: 'skipped',
                status: env.status,
                message: NEEDS_A_PERSON[env.status],
              });
            } else {
              update(name, { status: env.status });
            }
          }
        } catch {
          // A failed poll is retried on the next tick; the timeout bounds it.
        }
      }
      for (const name of waiting) {
        const status = last.get(name);
        const seconds = Number((timeoutMs / 1000).toFixed(1));
        update(name, {
          materialised: 'failed',
          message: status
            ? `Not in the cluster after ${seconds} s: the status is still "${
                presentStatus(status).label
              }". ${
                presentStatus(status).meaning
              } Force a sync, or check that the operator is running.`
            : `Not in the cluster after ${seconds} s, and the topology could not be read. Reload the page to see the current status.`,
        });
      }
    },
    [api, entityRef, pollIntervalMs, timeoutMs, update],
  );

  const start = useCallback(
    async (request: WriteValuesRequest) => {
      const written = {
        set: Object.keys(request.set ?? {}),
        unset: [...(request.unset ?? [])],
      };
      setFinished(false);
      setProgress(
        request.environments.map(environment => ({
          environment,
          written: 'waiting',
          syncRequested: 'waiting',
          materialised: 'waiting',
        })),
      );
      try {
        const response = await api.writeValues(entityRef, request);
        const toPoll: string[] = [];
        for (const result of response.results) {
          if (result.outcome === 'failed') {
            update(result.environment, {
              written: 'failed',
              syncRequested: 'skipped',
              materialised: 'skipped',
              message: result.error?.message ?? 'The write failed',
            });
            continue;
          }
          update(result.environment, {
            written: 'done',
            syncRequested: result.syncRequested ? 'done' : 'skipped',
            warning: result.warning,
            message:
              result.outcome === 'unchanged'
                ? 'AWS already held these values; nothing changed.'
                : undefined,
          });
          toPoll.push(result.environment);
        }
        await poll(toPoll, written);
      } catch (error) {
        const message = errorMessage(error);
        errorApi.post(new Error(message));
        // a write that failed everywhere names each environment's failure
        const messages = messagesByEnvironment(message, request.environments);
        setProgress(current =>
          current.map(p => ({
            ...p,
            written: 'failed',
            syncRequested: 'skipped',
            materialised: 'skipped',
            message: messages[p.environment] ?? message,
          })),
        );
      } finally {
        if (mounted.current) setFinished(true);
      }
    },
    [api, entityRef, errorApi, poll, update],
  );

  return { progress, finished, start };
}
