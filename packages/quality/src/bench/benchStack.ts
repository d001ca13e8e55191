import type { Entity } from '@backstage/catalog-model';
import { readSandbox, SandboxCluster } from '@internal/sandbox';
import { backendConfigData, EnvironmentSpec } from '../harness/backendConfig';
import {
  RunningBackend,
  startSecretsSyncBackend,
} from '../harness/startBackend';
import {
  countUpstreamCalls,
  UpstreamCallCounter,
} from '../upstream/countUpstreamCalls';
import {
  proxySandbox,
  RunningToxiproxy,
  SandboxProxies,
  startToxiproxy,
} from '../upstream/toxiproxy';

/**
 * Everything a benchmark runs on: toxiproxy in front of moto and both
 * kube-apiservers, and a counter of the calls sent through each.
 *
 * @public
 */
export interface BenchStack {
  toxiproxy: RunningToxiproxy;
  proxies: SandboxProxies;
  /** Labels: `aws` (Secrets Manager), `kube`, `sts` (moto directly). */
  counter: UpstreamCallCounter;
  /** Sets the same latency on every proxy (0 removes it). */
  setLatency(ms: number): Promise<void>;
  /** A backend reaching everything through the proxies. */
  startBackend(options: {
    environments: EnvironmentSpec[];
    entities: Entity[];
    /** Without caches, so every view reads every upstream. */
    uncached?: boolean;
    /** Merged over the generated config (`backend.cache`, say). */
    extraConfig?: Record<string, unknown>;
    extraFeatures?: Parameters<
      typeof startSecretsSyncBackend
    >[0]['extraFeatures'];
  }): Promise<RunningBackend>;
  stop(): Promise<void>;
}

/** @public */
export async function startBenchStack(): Promise<BenchStack> {
  const sandbox = readSandbox();
  const toxiproxy = await startToxiproxy();
  const proxies = await proxySandbox(toxiproxy.client, 'bench');
  const host = (url: string) => new URL(url).host;
  const counter = countUpstreamCalls({
    [host(proxies.aws.endpoint)]: 'aws',
    [host(proxies.clusters.dev.server)]: 'kube',
    [host(proxies.clusters.prod.server)]: 'kube',
    [host(sandbox.aws.endpoint)]: 'sts',
  });
  const backends: RunningBackend[] = [];
  const proxyNames = [
    proxies.aws.proxy,
    ...Object.values(proxies.clusters).map(cluster => cluster.proxy),
  ];
  return {
    toxiproxy,
    proxies,
    counter,
    async setLatency(ms) {
      for (const proxy of proxyNames) {
        await toxiproxy.client
          .removeToxic(proxy, 'bench_latency')
          .catch(() => {});
        if (ms > 0) {
          await toxiproxy.client.addToxic(proxy, {
            name: 'bench_latency',
            type: 'latency',
            attributes: { latency: ms },
          });
        }
      }
    },
    async startBackend({
      environments,
      entities,
      uncached,
      extraConfig = {},
      extraFeatures,
    }) {
      const config = backendConfigData({
        environments,
        uncached,
        upstreams: {
          awsEndpoint: proxies.aws.endpoint,
          clusterServers: Object.fromEntries(
            (Object.keys(proxies.clusters) as SandboxCluster[]).map(cluster => [
              cluster,
              proxies.clusters[cluster].server,
            ]),
          ),
        },
      });
      // benchmarks write far faster than any person: no per-user limits
      const unlimited = { perUser: 1_000_000, perEntity: 1_000_000 };
      Object.assign(config.secretsSync, {
        rateLimit: { writes: unlimited, forceSyncs: unlimited },
      });
      const backend = await startSecretsSyncBackend({
        entities,
        config: {
          ...config,
          ...extraConfig,
          secretsSync: {
            ...config.secretsSync,
            ...((extraConfig.secretsSync as object | undefined) ?? {}),
          },
        },
        extraFeatures,
      });
      backends.push(backend);
      return backend;
    },
    async stop() {
      counter.stop();
      for (const backend of backends) {
        await backend.stop();
      }
      await toxiproxy.stop();
    },
  };
}

/** GET/POST against a running backend; throws on a non-2xx answer. @public */
export async function request<T>(
  backend: RunningBackend,
  method: string,
  path: string,
  body?: object,
): Promise<T> {
  const response = await fetch(`${backend.baseUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text) as T;
}
