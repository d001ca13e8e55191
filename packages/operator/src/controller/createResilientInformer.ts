import {
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  ListWatch,
  Watch,
} from '@kubernetes/client-node';
import type { Logger } from '../logger';
import { describeKubeError } from '../kube/apiErrors';

/**
 * A list-and-watch cache of one resource that re-establishes itself after
 * any error (API server restarted, connection cut, token rejected) with
 * capped exponential backoff.
 *
 * @public
 */
export interface ResilientInformer<T extends KubernetesObject> {
  start(): Promise<void>;
  stop(): Promise<void>;
  list(): ReadonlyArray<T>;
  /** Listed successfully at least once and not currently re-establishing. */
  isHealthy(): boolean;
}

/**
 * Options of {@link createResilientInformer}.
 *
 * @public
 */
export interface ResilientInformerOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  /** Used in logs and the watch-restart metric. */
  resource: string;
  /** API path to watch, e.g. `/api/v1/namespaces`. */
  path: string;
  fieldSelector?: string;
  list: () => Promise<KubernetesListObject<T>>;
  onChange: (object: T) => void;
  onDelete: (object: T) => void;
  /** Called after every successful (re)list: events may have been missed. */
  onRelist: (objects: T[]) => void;
  onRestart: () => void;
  logger: Logger;
  /**
   * The API server ends each watch after this long and the informer resumes
   * from the last resource version, so a silently dead connection cannot
   * stall the operator for longer.
   */
  watchTimeoutSeconds?: number;
  backoffMaxMs?: number;
}

/**
 * Creates a {@link ResilientInformer} over client-node's ListWatch.
 *
 * @public
 */
export function createResilientInformer<T extends KubernetesObject>(
  options: ResilientInformerOptions<T>,
): ResilientInformer<T> {
  const { logger, resource } = options;
  const backoffMaxMs = options.backoffMaxMs ?? 30_000;
  const timeout = options.watchTimeoutSeconds ?? 300;
  let listed = false;
  let failing = false;
  let stopped = true;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const listFn = async () => {
    const result = await options.list();
    listed = true;
    failing = false;
    failures = 0;
    setImmediate(() => options.onRelist(result.items));
    return result;
  };
  // A fresh ListWatch per (re)connection: it relists, so whatever changed
  // while the watch was down is seen, and `onRelist` lets the controller
  // reconcile everything it manages.
  const makeListWatch = () => {
    const listWatch = new ListWatch<T>(
      `${options.path}?timeoutSeconds=${timeout}`,
      new Watch(options.kubeConfig),
      listFn,
      false,
      undefined,
      options.fieldSelector,
    );
    listWatch.on('add', options.onChange);
    listWatch.on('update', options.onChange);
    listWatch.on('delete', options.onDelete);
    listWatch.on('error', (error: unknown) => onError(listWatch, error));
    return listWatch;
  };
  let current = makeListWatch();

  function onError(failed: ListWatch<T>, error: unknown) {
    if (stopped || failed !== current) {
      return;
    }
    failing = true;
    failures += 1;
    const delayMs = Math.min(500 * 2 ** (failures - 1), backoffMaxMs);
    logger.warn('watch failed, re-establishing', {
      resource,
      error: describeKubeError(error),
      retryInMs: delayMs,
    });
    options.onRestart();
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (!stopped) {
        void failed.stop();
        current = makeListWatch();
        void current.start();
      }
    }, delayMs);
  }

  return {
    async start() {
      stopped = false;
      await current.start();
    },
    async stop() {
      stopped = true;
      if (restartTimer) {
        clearTimeout(restartTimer);
      }
      await current.stop();
    },
    list: () => current.list(),
    isHealthy: () => listed && !failing,
  };
}
