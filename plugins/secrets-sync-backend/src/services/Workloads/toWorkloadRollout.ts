import type {
  V1DaemonSet,
  V1Deployment,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { WorkloadRollout } from '@internal/plugin-secrets-sync-common';
import type { WorkloadRef, WorkloadRolloutRead } from '../Kubernetes';

/** The pod template annotation `kubectl rollout restart` sets. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

type Counts = Pick<
  WorkloadRollout,
  'desiredReplicas' | 'updatedReplicas' | 'readyReplicas' | 'newReplicaSet'
> & { oldReplicas: number };

/**
 * The Deployment's ReplicaSet of its current template: the one it owns at
 * its own revision, which the deployment controller stamps on both.
 */
function newReplicaSetOf(
  deployment: V1Deployment,
  replicaSets: V1ReplicaSet[],
): V1ReplicaSet | undefined {
  const revision = deployment.metadata?.annotations?.[REVISION_ANNOTATION];
  return replicaSets.find(
    rs =>
      rs.metadata?.ownerReferences?.some(
        owner => owner.uid === deployment.metadata?.uid,
      ) &&
      revision !== undefined &&
      rs.metadata?.annotations?.[REVISION_ANNOTATION] === revision,
  );
}

function deploymentCounts(
  deployment: V1Deployment,
  replicaSets: V1ReplicaSet[],
): Counts {
  const newRs = newReplicaSetOf(deployment, replicaSets);
  const updated = deployment.status?.updatedReplicas ?? 0;
  return {
    desiredReplicas: deployment.spec?.replicas ?? 1,
    updatedReplicas: updated,
    readyReplicas: newRs?.status?.readyReplicas ?? 0,
    oldReplicas: Math.max(0, (deployment.status?.replicas ?? 0) - updated),
    ...(newRs?.metadata?.name ? { newReplicaSet: newRs.metadata.name } : {}),
  };
}

function statefulSetCounts(statefulSet: V1StatefulSet): Counts {
  const status = statefulSet.status;
  const updated = status?.updatedReplicas ?? 0;
  return {
    desiredReplicas: statefulSet.spec?.replicas ?? 1,
    updatedReplicas: updated,
    // a StatefulSet reports ready pods of every revision: only once all are
    // of the current one are they the ready new pods
    readyReplicas:
      status?.currentRevision === status?.updateRevision
        ? status?.readyReplicas ?? 0
        : 0,
    oldReplicas: Math.max(0, (status?.replicas ?? 0) - updated),
  };
}

function daemonSetCounts(daemonSet: V1DaemonSet): Counts {
  const status = daemonSet.status;
  const updated = status?.updatedNumberScheduled ?? 0;
  const desired = status?.desiredNumberScheduled ?? 0;
  return {
    desiredReplicas: desired,
    updatedReplicas: updated,
    readyReplicas: updated >= desired ? status?.numberReady ?? 0 : 0,
    oldReplicas: Math.max(0, (status?.currentNumberScheduled ?? 0) - updated),
  };
}

/**
 * A workload's rollout as its controller reported it, claiming nothing the
 * status does not say:
 *
 * | # | status | phase |
 * |---|---|---|
 * | 1 | `observedGeneration` below `metadata.generation` (the controller has not acted on the change) | `waiting` |
 * | 2 | observed; every desired pod of the current template created and ready, none of the old left | `complete` |
 * | 3 | observed, otherwise | `progressing` |
 */
export function toWorkloadRollout(
  ref: WorkloadRef,
  read: WorkloadRolloutRead,
): WorkloadRollout {
  const { workload } = read;
  let counts: Counts;
  switch (ref.kind) {
    case 'Deployment':
      counts = deploymentCounts(workload as V1Deployment, read.replicaSets);
      break;
    case 'StatefulSet':
      counts = statefulSetCounts(workload as V1StatefulSet);
      break;
    default:
      counts = daemonSetCounts(workload as V1DaemonSet);
  }
  const observed =
    (workload.status?.observedGeneration ?? 0) >=
    (workload.metadata?.generation ?? 0);
  const complete =
    counts.updatedReplicas >= counts.desiredReplicas &&
    counts.readyReplicas >= counts.desiredReplicas &&
    counts.oldReplicas === 0;
  const restartedAt =
    workload.spec?.template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION];
  const { oldReplicas: _old, ...reported } = counts;
  let phase: WorkloadRollout['phase'] = 'progressing';
  if (!observed) {
    phase = 'waiting';
  } else if (complete) {
    phase = 'complete';
  }
  return {
    kind: ref.kind,
    name: ref.name,
    ...(restartedAt ? { restartedAt: new Date(restartedAt) } : {}),
    phase,
    ...reported,
  };
}
