import type { Entity } from '@backstage/catalog-model';
import {
  readSandbox,
  SandboxCluster,
  SandboxIdentity,
} from '@internal/sandbox';
import { backendConfigData, EnvironmentSpec } from '../harness/backendConfig';
import {
  RunningBackend,
  startSecretsSyncBackend,
} from '../harness/startBackend';
import { RunningToxiproxy, startToxiproxy } from '../upstream/toxiproxy';
import { HttpFaultInjector, startHttpFaultInjector } from './httpFaultInjector';

/**
 * Contract keys of the fault tests: no operator watches them, so "the
 * operator is absent" holds even while one runs against the stack.
 *
 * @public
 */
export const FAULT_CONTRACT = {
  optInAnnotation: 'quality-faults.secrets-sync.io/managed',
  forceSyncAnnotation: 'quality-faults.secrets-sync.io/sync',
};

/** Faults can be injected on each hop of each environment. @public */
export interface EnvironmentHops {
  /** toxiproxy proxy names (TCP faults: latency, timeout, reset, cut). */
  awsProxy: string;
  kubeProxy: string;
  /** HTTP-level injectors (AWS error answers, Kubernetes statuses). */
  aws: HttpFaultInjector;
  kube: HttpFaultInjector;
}

/**
 * The backend in-process, reaching each environment's AWS account and
 * cluster through an HTTP fault injector in front of a toxiproxy proxy in
 * front of the real server: `backend → injector → toxiproxy → moto /
 * kube-apiserver`.
 *
 * @public
 */
export interface FaultStack {
  toxiproxy: RunningToxiproxy;
  hops: Record<SandboxCluster, EnvironmentHops>;
  /** Starts a backend over these hops; stopped with the stack. */
  startBackend(options: {
    entities: Entity[];
    kubeIdentity?: Partial<Record<SandboxCluster, SandboxIdentity>>;
    pendingGracePeriodSeconds?: number;
    watchTimeoutSeconds?: number;
  }): Promise<RunningBackend>;
  /**
   * Makes the server behind a proxy stop answering: requests never reach
   * it and open connections stay open, as with a hung server or a network
   * that drops packets.
   */
  hang(proxy: string): Promise<void>;
  /** Removes every fault. */
  heal(): Promise<void>;
  stop(): Promise<void>;
}

/** The sandbox's two environments, each in its own account and cluster. */
const ENVIRONMENTS: EnvironmentSpec[] = [
  { name: 'dev', cluster: 'dev' },
  { name: 'prod', cluster: 'prod', restricted: true },
];

/** @public */
export async function startFaultStack(): Promise<FaultStack> {
  const sandbox = readSandbox();
  const toxiproxy = await startToxiproxy();
  const backends: RunningBackend[] = [];
  const hops = {} as Record<SandboxCluster, EnvironmentHops>;
  for (const cluster of ['dev', 'prod'] as const) {
    const awsProxy = await toxiproxy.client.createProxy({
      name: `aws-${cluster}`,
      upstream: new URL(sandbox.aws.endpoint).host,
    });
    const kubeProxy = await toxiproxy.client.createProxy({
      name: `kube-${cluster}`,
      upstream: new URL(sandbox.clusters[cluster].server).host,
    });
    hops[cluster] = {
      awsProxy: awsProxy.name,
      kubeProxy: kubeProxy.name,
      aws: await startHttpFaultInjector({
        upstream: `http://${awsProxy.listen}`,
      }),
      kube: await startHttpFaultInjector({
        upstream: `https://${kubeProxy.listen}`,
        tlsOf: cluster,
      }),
    };
  }
  return {
    toxiproxy,
    hops,
    async startBackend(options) {
      const backend = await startSecretsSyncBackend({
        entities: options.entities,
        config: backendConfigData({
          pendingGracePeriodSeconds: options.pendingGracePeriodSeconds,
          watchTimeoutSeconds: options.watchTimeoutSeconds,
          environments: ENVIRONMENTS.map(env => ({
            ...env,
            awsEndpoint: hops[env.cluster].aws.url,
            kubeServer: hops[env.cluster].kube.url,
            kubeIdentity: options.kubeIdentity?.[env.cluster],
            contract: FAULT_CONTRACT,
          })),
        }),
      });
      backends.push(backend);
      return backend;
    },
    async hang(proxy) {
      await toxiproxy.client.addToxic(proxy, {
        type: 'timeout',
        stream: 'upstream',
        attributes: { timeout: 0 },
      });
    },
    async heal() {
      await toxiproxy.client.reset();
      for (const hop of Object.values(hops)) {
        hop.aws.clear();
        hop.kube.clear();
      }
    },
    async stop() {
      for (const backend of backends) {
        await backend.stop();
      }
      for (const hop of Object.values(hops)) {
        await hop.aws.stop();
        await hop.kube.stop();
      }
      await toxiproxy.stop();
    },
  };
}
