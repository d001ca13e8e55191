import { InputError } from '@backstage/errors';
import type {
  EnvironmentTopology,
  WorkloadRollouts,
} from '@internal/plugin-secrets-sync-common';
import type {
  KubernetesService,
  RestartableKind,
  WorkloadRef,
} from '../Kubernetes';
import type { BoundSyncEngineResolver, SyncTarget } from '../SyncEngine';
import { clusterOf } from '../SyncEngine/readHelpers';
import { toWorkloadRollout } from './toWorkloadRollout';
import type { WorkloadsService } from './types';

const RESTARTABLE = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet']);

/** `kubectl rollout restart`'s stamp: RFC 3339 to the second. */
function restartStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The consumers the portal restarts: the engine's own finding, never a request's. */
function restartableOf(topology: EnvironmentTopology): WorkloadRef[] {
  return topology.consumers
    .filter(
      consumer =>
        consumer.restart === 'rollout' && RESTARTABLE.has(consumer.kind),
    )
    .map(consumer => ({
      kind: consumer.kind as RestartableKind,
      name: consumer.name,
    }));
}

const sameRef = (a: WorkloadRef) => (b: WorkloadRef) =>
  a.kind === b.kind && a.name === b.name;

/**
 * Creates the {@link WorkloadsService}: consumers are read through the
 * environment's engine, as the topology shows them; restarts and rollouts
 * go to the API server directly.
 */
export function createWorkloadsService(options: {
  engines: BoundSyncEngineResolver;
  kubernetes: KubernetesService;
  now?: () => Date;
}): WorkloadsService {
  const { engines, kubernetes } = options;
  const now = options.now ?? (() => new Date());

  async function found(target: SyncTarget) {
    const topology = await engines(target.environment).readStatus(target);
    return {
      namespace: topology.kubernetes.namespace,
      workloads: restartableOf(topology),
    };
  }

  async function rolloutsOf(
    target: SyncTarget,
    namespace: string,
    workloads: WorkloadRef[],
  ): Promise<WorkloadRollouts> {
    const cluster = clusterOf(target);
    const reads = await Promise.all(
      workloads.map(async ref => {
        const read = await kubernetes.readRollout(cluster, namespace, ref);
        return read ? [toWorkloadRollout(ref, read)] : [];
      }),
    );
    return { environment: target.environment.name, workloads: reads.flat() };
  }

  return {
    async plan(target, requested) {
      const { namespace, workloads } = await found(target);
      const unique = requested.filter(
        (ref, index) => requested.findIndex(sameRef(ref)) === index,
      );
      if (!unique.every(ref => workloads.some(sameRef(ref)))) {
        throw new InputError(
          `Only the Deployments, StatefulSets and DaemonSets found reading the Secret in ${target.environment.name}, and not restarted by Reloader, can be restarted; reload the consumers and choose among them`,
        );
      }
      return { target, namespace, workloads: unique };
    },

    async restart(plan) {
      const { target, namespace, workloads } = plan;
      const cluster = clusterOf(target);
      const stamp = restartStamp(now());
      for (const ref of workloads) {
        await kubernetes.restartWorkload(cluster, namespace, ref, stamp);
      }
      return rolloutsOf(target, namespace, workloads);
    },

    async rollouts(target) {
      const { namespace, workloads } = await found(target);
      return rolloutsOf(target, namespace, workloads);
    },
  };
}
