import type { WorkloadRollout } from '@internal/plugin-secrets-sync-common';
import type { RestartPhase } from './useRestartWorkloads';

const pods = (n: number) => (n === 1 ? '1 pod' : `${n} pods`);

/**
 * One rollout in words, saying only what the workload's status reports:
 * whether its controller acted, the new ReplicaSet, how many new pods exist
 * and how many of them are ready.
 */
export function describeRollout(rollout: WorkloadRollout): string {
  if (rollout.phase === 'waiting') {
    return 'Restart requested; its controller has not acted on it yet';
  }
  if (rollout.phase === 'complete') {
    return `All ${pods(rollout.desiredReplicas)} of the new template ready`;
  }
  const replicaSet = rollout.newReplicaSet
    ? `New ReplicaSet ${rollout.newReplicaSet} created · `
    : '';
  return `${replicaSet}${rollout.updatedReplicas} of ${rollout.desiredReplicas} new pods created · ${rollout.readyReplicas} ready`;
}

/**
 * How a followed restart ended, in words. When the time ran out the cluster
 * had not reported every new pod ready: that is all that is known, and it
 * is what is said.
 */
export function describeOutcome(
  phase: RestartPhase,
  rollouts: WorkloadRollout[],
): string | undefined {
  if (phase === 'complete') {
    return 'Restarted: every new pod is ready and holds the current values.';
  }
  if (phase !== 'stopped') {
    return undefined;
  }
  if (rollouts.some(r => r.phase === 'waiting')) {
    return "Stopped following: the pod templates are stamped, but the cluster's controller has not acted on the restart yet, so no new pod exists. The rollout starts once the controller runs.";
  }
  const created = rollouts.reduce((n, r) => n + r.updatedReplicas, 0);
  const ready = rollouts.reduce((n, r) => n + r.readyReplicas, 0);
  const desired = rollouts.reduce((n, r) => n + r.desiredReplicas, 0);
  if (created < desired) {
    return `Stopped following: ${created} of ${desired} new pods created so far, ${ready} ready. Check the workload's events if it does not finish.`;
  }
  return `Stopped following: all ${pods(
    desired,
  )} of the new template were created, but the cluster reports ${ready} ready. The old pods stay until the new ones are ready; check the new pods' events (scheduling, image pulls, readiness probes).`;
}
