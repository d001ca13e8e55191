import { KubeConfig, Watch } from '@kubernetes/client-node';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { getJson } from './getJson';

/** An object as the cache keeps it: anything with metadata. */
export type Cached = { metadata?: V1ObjectMeta };

type RawObject = Cached & Record<string, unknown>;
type RawList = {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: RawObject[];
};

/**
 * A list-then-watch cache of one resource across a whole cluster, as
 * client-go's reflector keeps one: list (paginated), then watch from the
 * list's resource version; reconnect where the watch ended; list again on
 * `410 Gone`, after an error, and every `resyncPeriodMs` so a missed event
 * cannot keep an object stale for longer than that. A watch that stays
 * silent past the time the API server ends it at is taken for a dead
 * connection (a hung server or network keeps it open): the cache stops
 * answering, so reads go to the API server and report what they meet.
 * After any failure the cache lists again once the server answers (a
 * restarted server's watch may resume without telling what it missed), so
 * it is usable again as soon as that list is done, not a resync period later.
 */
export interface ResourceCache<T extends Cached> {
  /** Starts listing and watching, once; later calls do nothing. */
  start(): void;
  /** True once listed, for as long as the watch is connected. */
  synced(): boolean;
  /**
   * Resolves true once synced; false when listing or watching fails first,
   * or after `timeoutMs`. Starts the cache.
   */
  whenSynced(timeoutMs: number): Promise<boolean>;
  get(namespace: string, name: string): T | undefined;
  /** The objects of one namespace; of the whole cluster without one. */
  list(namespace?: string): T[];
  /** The path being watched, once a list succeeded (which version is served). */
  servedPath(): string | undefined;
  /**
   * When the API server was last heard from: the last list, watch event or
   * {@link ResourceCache.confirm}. What the cache answers is at most this old.
   */
  heardAt(): number | undefined;
  /**
   * The server is gone (a failed probe): stop answering at once, end the
   * watch and list again once it answers.
   */
  interrupt(error: unknown): void;
  /** The server answered a probe: the cache is current, and a retry waits no longer. */
  confirm(): void;
  stop(): void;
}

const FIRST_RETRY_MS = 500;
/** Bounds how long a cache stays cold after its server is back, without a probe to wake it. */
const MAX_RETRY_MS = 10_000;
const PAGE_SIZE = 500;
/** How late the API server may end a watch before the connection is presumed dead. */
const WATCH_END_GRACE_MS = 5_000;

/** Waits `ms`, or less when the signal aborts or `wake` is called. */
function sleep(
  ms: number,
  signal: AbortSignal,
  onWake: (wake: () => void) => void,
): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', wake);
    onWake(wake);
  });
}

function statusCode(error: unknown): number | undefined {
  const { code, statusCode: status } = (error ?? {}) as {
    code?: unknown;
    statusCode?: unknown;
  };
  if (typeof code === 'number') {
    return code;
  }
  return typeof status === 'number' ? status : undefined;
}

/**
 * Creates the cache of one resource in one cluster. Nothing is requested
 * until `start()`.
 *
 * @param options.paths - the collection's paths in order of preference,
 *   e.g. `/apis/external-secrets.io/v1/externalsecrets` then `.../v1beta1/...`:
 *   a path that answers 404 (a version the cluster does not serve) is skipped.
 * @param options.transform - what is kept of each object; Secrets are kept
 *   without their values.
 */
export function createResourceCache<T extends Cached>(options: {
  kubeConfig: () => Promise<KubeConfig>;
  paths: string[];
  transform: (raw: RawObject) => T;
  resyncPeriodMs: number;
  /**
   * The `timeoutSeconds` of each watch request: the API server ends the
   * watch after it, so silence beyond it (plus a grace) means the
   * connection is dead. Each renewal costs one watch request.
   */
  watchTimeoutSeconds: number;
  /** Called when the cache starts failing (not on every retry). */
  onError?: (error: unknown) => void;
}): ResourceCache<T> {
  const { paths, transform, resyncPeriodMs, watchTimeoutSeconds } = options;
  const silenceLimitMs = watchTimeoutSeconds * 1000 + WATCH_END_GRACE_MS;
  let store = new Map<string, Map<string, T>>();
  let resourceVersion = '';
  let path: string | undefined;
  let isSynced = false;
  /** Once listed, later waits for a list are recoveries: nobody waits for them. */
  let everSynced = false;
  /** Set from a failure until the next successful list or watch. */
  let failing = false;
  /** Why a probe ended the current round, until the loop has seen it. */
  let interrupted: { error: unknown } | undefined;
  let lastHeard: number | undefined;
  let wakeRetry: (() => void) | undefined;
  /** Ends the watch under way, also one whose request never got an answer. */
  let cutWatch: ((error: unknown) => void) | undefined;
  let started = false;
  const stopping = new AbortController();
  let watchAbort: AbortController | undefined;
  let lastList = 0;
  const waiters = new Set<() => void>();

  /** Wakes whoever waits for the first list: it succeeded, or failed. */
  function setSynced(value: boolean) {
    isSynced = value;
    everSynced ||= value;
    waiters.forEach(wake => wake());
    waiters.clear();
  }

  function put(object: T, into = store) {
    const namespace = object.metadata?.namespace ?? '';
    const name = object.metadata?.name ?? '';
    let names = into.get(namespace);
    if (!names) {
      names = new Map();
      into.set(namespace, names);
    }
    names.set(name, object);
  }

  function remove(object: Cached) {
    const namespace = object.metadata?.namespace ?? '';
    const names = store.get(namespace);
    names?.delete(object.metadata?.name ?? '');
    if (names?.size === 0) {
      store.delete(namespace);
    }
  }

  async function listAt(kubeConfig: KubeConfig, at: string) {
    // built aside and swapped in whole, so readers never see half a list
    const next = new Map<string, Map<string, T>>();
    let token: string | undefined;
    let version = '';
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (token) {
        query.set('continue', token);
      }
      const page = (await getJson(kubeConfig, `${at}?${query}`)) as RawList;
      (page.items ?? []).forEach(item => put(transform(item), next));
      version = page.metadata?.resourceVersion ?? version;
      token = page.metadata?.continue || undefined;
    } while (token);
    store = next;
    return version;
  }

  async function relist(kubeConfig: KubeConfig) {
    const candidates = path ? [path] : paths;
    let lastError: unknown;
    for (const candidate of candidates) {
      try {
        resourceVersion = await listAt(kubeConfig, candidate);
        if (interrupted) {
          // the server failed a probe while this list was under way
          throw interrupted.error;
        }
        path = candidate;
        lastList = Date.now();
        lastHeard = lastList;
        failing = false;
        setSynced(true);
        return;
      } catch (error) {
        lastError = error;
        if (statusCode(error) !== 404) {
          break;
        }
      }
    }
    throw lastError;
  }

  function onEvent(type: string, object: RawObject) {
    if (type === 'ERROR') {
      if ((object as { code?: number }).code === 410) {
        resourceVersion = '';
      }
      return;
    }
    const version = object.metadata?.resourceVersion;
    if (version) {
      resourceVersion = version;
    }
    if (type === 'ADDED' || type === 'MODIFIED') {
      put(transform(object));
    } else if (type === 'DELETED') {
      remove(object);
    }
  }

  async function watchOnce(kubeConfig: KubeConfig) {
    let silent = false;
    let silence: ReturnType<typeof setTimeout> | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        cutWatch = error => {
          silent = true;
          abortWatch();
          reject(error);
        };
        const heard = () => {
          clearTimeout(silence);
          silence = setTimeout(() => {
            silent = true;
            abortWatch();
            // also when the server never answered the watch request, which
            // leaves no controller to abort
            reject(
              new Error(
                `the API server sent nothing on a watch of ${path} for ${silenceLimitMs} ms, though it ends every watch after ${watchTimeoutSeconds} s: the connection is presumed dead`,
              ),
            );
          }, silenceLimitMs);
          silence.unref?.();
        };
        heard();
        new Watch(kubeConfig)
          .watch(
            path!,
            {
              resourceVersion,
              allowWatchBookmarks: true,
              timeoutSeconds: watchTimeoutSeconds,
            },
            (type, object) => {
              heard();
              lastHeard = Date.now();
              onEvent(type, object);
            },
            error => (error ? reject(error) : resolve()),
          )
          .then(controller => {
            watchAbort = controller;
            if (silent || stopping.signal.aborted) {
              controller.abort();
            }
          }, reject);
      });
    } finally {
      clearTimeout(silence);
      cutWatch = undefined;
    }
  }

  function abortWatch() {
    watchAbort?.abort();
  }

  function rememberWake(wake: () => void) {
    wakeRetry = wake;
  }

  async function run() {
    let retryMs = FIRST_RETRY_MS;
    while (!stopping.signal.aborted) {
      try {
        const kubeConfig = await options.kubeConfig();
        if (!resourceVersion || Date.now() - lastList >= resyncPeriodMs) {
          await relist(kubeConfig);
        }
        const resync = setTimeout(
          abortWatch,
          Math.max(0, lastList + resyncPeriodMs - Date.now()),
        );
        resync.unref?.();
        try {
          await watchOnce(kubeConfig);
        } finally {
          clearTimeout(resync);
        }
        if (interrupted) {
          throw interrupted.error;
        }
        retryMs = FIRST_RETRY_MS;
        failing = false;
      } catch (caught) {
        if (stopping.signal.aborted) {
          return;
        }
        const error = interrupted?.error ?? caught;
        const aborted =
          !interrupted && (error as { name?: string })?.name === 'AbortError';
        interrupted = undefined;
        if (!aborted) {
          setSynced(false);
          // list again once the server answers: a watch resumed on a
          // restarted server would not say what changed while it was away
          resourceVersion = '';
          if (!failing) {
            // once per streak of failures, not on every retry
            options.onError?.(error);
          }
          failing = true;
          await sleep(retryMs, stopping.signal, rememberWake);
          wakeRetry = undefined;
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        }
      }
    }
  }

  const cache: ResourceCache<T> = {
    start() {
      if (!started) {
        started = true;
        void run();
      }
    },
    synced: () => isSynced,
    whenSynced(timeoutMs) {
      cache.start();
      if (isSynced || failing || everSynced) {
        // a failing or recovering cache is not waited for: reads go to the
        // API server until it is listed again
        return Promise.resolve(isSynced);
      }
      return new Promise(resolve => {
        let timer: ReturnType<typeof setTimeout> | undefined = undefined;
        const wake = () => {
          clearTimeout(timer);
          resolve(isSynced);
        };
        timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(isSynced);
        }, timeoutMs);
        timer.unref?.();
        waiters.add(wake);
      });
    },
    get: (namespace, name) => store.get(namespace)?.get(name),
    list(namespace) {
      if (namespace !== undefined) {
        return [...(store.get(namespace)?.values() ?? [])];
      }
      return [...store.values()].flatMap(names => [...names.values()]);
    },
    servedPath: () => path,
    heardAt: () => lastHeard,
    interrupt(error) {
      // a cache that is not listed answers nothing already, and its loop
      // is retrying on its own
      if (!isSynced || stopping.signal.aborted) {
        return;
      }
      interrupted = { error };
      setSynced(false);
      cutWatch?.(error);
    },
    confirm() {
      if (isSynced) {
        lastHeard = Date.now();
      }
      wakeRetry?.();
    },
    stop() {
      stopping.abort();
      watchAbort?.abort();
      setSynced(false);
      waiters.forEach(wake => wake());
    },
  };
  return cache;
}
