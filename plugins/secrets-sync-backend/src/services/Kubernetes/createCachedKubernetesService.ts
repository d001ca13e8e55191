import { PROBE_INTERVAL_MS, startClusterProbe } from './clusterProbe';
import type { KubeConfigFactory } from './createKubeConfigs';
import { clusterKey } from './createKubeConfigs';
import {
  Cached,
  ResourceCache,
  createResourceCache,
} from './createResourceCache';
import {
  CachedResource,
  NAMESPACES,
  SECRETS,
  WORKLOADS,
  customObjects,
  externalSecrets,
  leases,
} from './clusterResources';
import type {
  ClusterConfig,
  EventSummary,
  CustomObjectApi,
  ExternalSecretApi,
  KubernetesService,
} from './types';

/**
 * The Kubernetes service read through per-cluster watch caches.
 */
export interface CachedKubernetesService extends KubernetesService {
  /**
   * Starts the caches of these clusters and waits, at most `timeoutMs`, for
   * them to be listed, so that reading many namespaces costs no request per
   * namespace. Reads of a cache not yet listed go to the API server.
   */
  warmUp(
    clusters: Array<{
      cluster: ClusterConfig;
      externalSecrets?: ExternalSecretApi;
      /** Namespaces whose Leases are read (an operator's leader election). */
      leaseNamespaces?: string[];
      /** Kinds of custom objects an engine reads (PushSecrets, SyncedSecrets). */
      customObjects?: CustomObjectApi[];
    }>,
    timeoutMs: number,
  ): Promise<void>;
  /** Stops every watch. */
  stop(): void;
}

/**
 * How old what a cache answers may be before a view says so: a live
 * cluster is heard from (a watch event or a probe) every few seconds.
 */
export const CACHE_STALE_AFTER_MS = 5_000;

/** How long Events read about an object are reused: ESO's causes change slowly. */
const EVENTS_TTL_MS = 30_000;

/** Whether a cached resource version has reached one we wrote. */
function reached(have: string | undefined, wrote: string): boolean {
  if (!have) {
    return false;
  }
  // resource versions are opaque, but etcd-backed servers hand out increasing integers
  if (/^\d+$/.test(have) && /^\d+$/.test(wrote)) {
    return BigInt(have) >= BigInt(wrote);
  }
  return have === wrote;
}

/**
 * Wraps the direct service with watch caches, one per cluster and resource,
 * started on first use, so a backend nobody asks costs nothing.
 *
 * Staleness is bounded: a cache answers only while listed and watching
 * (otherwise the read goes to the API server), is listed again every
 * `resyncPeriodMs`, and after one of our own writes an object is read from
 * the API server until the cache has seen the version we wrote.
 */
export function createCachedKubernetesService(options: {
  direct: KubernetesService;
  kubeConfigs: KubeConfigFactory;
  resyncPeriodMs: number;
  /** See the cache config: the bound on how long a dead watch goes unnoticed. */
  watchTimeoutSeconds: number;
  onWatchError?: (cluster: string, resource: string, error: unknown) => void;
  /** How often each cluster's API server is probed; see startClusterProbe. */
  probeIntervalMs?: number;
}): CachedKubernetesService {
  const { direct, kubeConfigs, resyncPeriodMs, watchTimeoutSeconds } = options;
  const caches = new Map<string, ResourceCache<Cached>>();
  /** The caches of each cluster, and the probe that watches over them. */
  const probedClusters = new Map<
    string,
    { caches: Set<ResourceCache<Cached>>; probe: { stop(): void } }
  >();

  function clusterCaches(cluster: ClusterConfig) {
    const key = clusterKey(cluster);
    let entry = probedClusters.get(key);
    if (!entry) {
      const own = new Set<ResourceCache<Cached>>();
      entry = {
        caches: own,
        probe: startClusterProbe({
          kubeConfig: () => kubeConfigs(cluster),
          intervalMs: options.probeIntervalMs ?? PROBE_INTERVAL_MS,
          onAnswer: () => own.forEach(cache => cache.confirm()),
          onFailure: error => own.forEach(cache => cache.interrupt(error)),
        }),
      };
      probedClusters.set(key, entry);
    }
    return entry.caches;
  }
  /** Versions we wrote that a cache has not shown yet, by cache and object. */
  const written = new Map<string, { version: string; at: number }>();
  let stopped = false;

  function cacheOf<T extends Cached>(
    cluster: ClusterConfig,
    resource: CachedResource<T>,
  ): ResourceCache<T> {
    const key = `${clusterKey(cluster)}|${resource.id}`;
    let cache = caches.get(key);
    if (!cache) {
      cache = createResourceCache<T>({
        kubeConfig: () => kubeConfigs(cluster),
        paths: resource.paths,
        transform: resource.transform,
        resyncPeriodMs,
        watchTimeoutSeconds,
        onError: error =>
          options.onWatchError?.(cluster.name, resource.id, error),
      });
      caches.set(key, cache);
      if (!stopped) {
        clusterCaches(cluster).add(cache);
        cache.start();
      }
    }
    return cache as ResourceCache<T>;
  }

  function writtenKey(
    cluster: ClusterConfig,
    resource: CachedResource<unknown>,
    namespace: string,
    name: string,
  ) {
    return `${clusterKey(cluster)}|${resource.id}|${namespace}/${name}`;
  }

  function remember(
    cluster: ClusterConfig,
    resource: CachedResource<unknown>,
    object: Cached,
  ) {
    const version = object.metadata?.resourceVersion;
    if (version) {
      written.set(
        writtenKey(
          cluster,
          resource,
          object.metadata?.namespace ?? '',
          object.metadata?.name ?? '',
        ),
        { version, at: Date.now() },
      );
    }
  }

  /** False while an object we wrote is newer in the API server than in the cache. */
  function caughtUp<T extends Cached>(
    cluster: ClusterConfig,
    resource: CachedResource<T>,
    cache: ResourceCache<T>,
    objects: Array<{ namespace: string; name: string }>,
  ): boolean {
    return objects.every(({ namespace, name }) => {
      const key = writtenKey(cluster, resource, namespace, name);
      const wrote = written.get(key);
      if (wrote === undefined) {
        return true;
      }
      if (
        reached(
          cache.get(namespace, name)?.metadata?.resourceVersion,
          wrote.version,
        ) ||
        // a resync period later a usable cache was listed again since the
        // write (the object may be gone since): the entry is done with
        Date.now() - wrote.at > resyncPeriodMs
      ) {
        written.delete(key);
        return true;
      }
      return false;
    });
  }

  /** Our pending writes of a resource within one namespace. */
  function writtenIn(
    cluster: ClusterConfig,
    resource: CachedResource<unknown>,
    namespace: string,
  ) {
    const prefix = writtenKey(cluster, resource, namespace, '');
    return [...written.keys()]
      .filter(key => key.startsWith(prefix))
      .map(key => ({ namespace, name: key.slice(prefix.length) }));
  }

  function usable(cache: ResourceCache<Cached>): boolean {
    return !stopped && cache.synced();
  }

  /** Events read lately, by object (see listEvents). */
  const recentEvents = new Map<
    string,
    { at: number; events: EventSummary[] }
  >();

  /** The ExternalSecret APIs read so far, to find the caches a patched object sits in. */
  const externalSecretApis = new Map<string, ExternalSecretApi>();

  function externalSecretResource(api: ExternalSecretApi) {
    const resource = externalSecrets(api);
    externalSecretApis.set(resource.id, api);
    return resource;
  }

  return {
    async getNamespace(cluster, name, read) {
      const cache = cacheOf(cluster, NAMESPACES);
      if (
        read?.consistent ||
        !usable(cache) ||
        !caughtUp(cluster, NAMESPACES, cache, [{ namespace: '', name }])
      ) {
        return direct.getNamespace(cluster, name);
      }
      return cache.get('', name);
    },

    async getLease(cluster, namespace, name) {
      const cache = cacheOf(cluster, leases(namespace));
      return usable(cache)
        ? cache.get(namespace, name)
        : direct.getLease(cluster, namespace, name);
    },

    async getSecret(cluster, namespace, name) {
      const cache = cacheOf(cluster, SECRETS);
      return usable(cache)
        ? cache.get(namespace, name)
        : direct.getSecret(cluster, namespace, name);
    },

    async listWorkloads(cluster, namespace) {
      const entries = Object.entries(WORKLOADS).map(
        ([field, resource]) =>
          [
            field,
            cacheOf(cluster, resource as CachedResource<Cached>),
          ] as const,
      );
      if (!entries.every(([, cache]) => usable(cache))) {
        return direct.listWorkloads(cluster, namespace);
      }
      return Object.fromEntries(
        entries.map(([field, cache]) => [field, cache.list(namespace)]),
      ) as unknown as Awaited<ReturnType<KubernetesService['listWorkloads']>>;
    },

    async listExternalSecrets(cluster, namespace, api, read) {
      const resource = externalSecretResource(api);
      const cache = cacheOf(cluster, resource);
      if (
        read?.consistent ||
        !usable(cache) ||
        !caughtUp(
          cluster,
          resource,
          cache,
          writtenIn(cluster, resource, namespace),
        )
      ) {
        return direct.listExternalSecrets(cluster, namespace, api);
      }
      return cache.list(namespace);
    },

    async listCustomObjects(cluster, api, namespace, read) {
      const resource = customObjects(api);
      const cache = cacheOf(cluster, resource);
      if (
        read?.consistent ||
        !usable(cache) ||
        !caughtUp(
          cluster,
          resource,
          cache,
          writtenIn(cluster, resource, namespace ?? ''),
        )
      ) {
        return direct.listCustomObjects(cluster, api, namespace);
      }
      return cache.list(namespace);
    },

    async patchCustomObjectAnnotations(
      cluster,
      api,
      object,
      annotations,
      patch,
    ) {
      const result = await direct.patchCustomObjectAnnotations(
        cluster,
        api,
        object,
        annotations,
        patch,
      );
      remember(cluster, customObjects(api), result);
      return result;
    },

    async mergePatchCustomObject(cluster, api, object, patch, patchOptions) {
      const result = await direct.mergePatchCustomObject(
        cluster,
        api,
        object,
        patch,
        patchOptions,
      );
      remember(cluster, customObjects(api), result);
      return result;
    },

    // read when an ExternalSecret or its store fails: too rare to watch,
    // and remembered a while, so a fleet pass after a view costs nothing
    async listEvents(cluster, namespace, regarding) {
      const key = `${clusterKey(cluster)}|${namespace}|${regarding.kind}|${
        regarding.name
      }`;
      const now = Date.now();
      const known = recentEvents.get(key);
      if (known && now - known.at < EVENTS_TTL_MS) {
        return known.events;
      }
      const events = await direct.listEvents(cluster, namespace, regarding);
      for (const [old, entry] of recentEvents) {
        if (now - entry.at >= EVENTS_TTL_MS) {
          recentEvents.delete(old);
        }
      }
      recentEvents.set(key, { at: now, events });
      return events;
    },

    async listNamespaces(cluster) {
      const cache = cacheOf(cluster, NAMESPACES);
      return usable(cache) ? cache.list() : direct.listNamespaces(cluster);
    },

    async writeSecretData(cluster, namespace, name, change, patch) {
      const result = await direct.writeSecretData(
        cluster,
        namespace,
        name,
        change,
        patch,
      );
      remember(cluster, SECRETS, result);
      return result;
    },

    restartWorkload(cluster, namespace, workload, restartedAt) {
      return direct.restartWorkload(cluster, namespace, workload, restartedAt);
    },

    readRollout(cluster, namespace, workload) {
      return direct.readRollout(cluster, namespace, workload);
    },

    async patchNamespaceAnnotations(cluster, name, annotations, patch) {
      const result = await direct.patchNamespaceAnnotations(
        cluster,
        name,
        annotations,
        patch,
      );
      remember(cluster, NAMESPACES, result);
      return result;
    },

    async patchExternalSecretAnnotations(cluster, object, annotations, patch) {
      const result = await direct.patchExternalSecretAnnotations(
        cluster,
        object,
        annotations,
        patch,
      );
      const group = object.apiVersion.split('/')[0];
      for (const api of externalSecretApis.values()) {
        if (api.group === group) {
          remember(cluster, externalSecrets(api), result);
        }
      }
      return result;
    },

    async warmUp(clusters, timeoutMs) {
      const waits = clusters.flatMap(
        ({
          cluster,
          externalSecrets: api,
          leaseNamespaces = [],
          customObjects: kinds = [],
        }) => [
          cacheOf(cluster, NAMESPACES),
          cacheOf(cluster, SECRETS),
          ...Object.values(WORKLOADS).map(resource =>
            cacheOf(cluster, resource as CachedResource<Cached>),
          ),
          ...(api ? [cacheOf(cluster, externalSecretResource(api))] : []),
          ...leaseNamespaces.map(namespace =>
            cacheOf(cluster, leases(namespace)),
          ),
          ...kinds.map(kind => cacheOf(cluster, customObjects(kind))),
        ],
      );
      await Promise.all(waits.map(cache => cache.whenSynced(timeoutMs)));
    },

    factsAsOf(cluster) {
      const heard = [...(probedClusters.get(clusterKey(cluster))?.caches ?? [])]
        .filter(usable)
        .map(cache => cache.heardAt() ?? 0);
      const oldest = heard.length ? Math.min(...heard) : undefined;
      return oldest !== undefined && Date.now() - oldest > CACHE_STALE_AFTER_MS
        ? new Date(oldest)
        : undefined;
    },

    stop() {
      stopped = true;
      probedClusters.forEach(entry => entry.probe.stop());
      caches.forEach(cache => cache.stop());
    },
  };
}
