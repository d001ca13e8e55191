import type { WorkloadRollouts } from '@internal/plugin-secrets-sync-common';
import type { WorkloadRef } from '../Kubernetes';
import type { SyncTarget } from '../SyncEngine';

/** The consumers a restart may act on, resolved before anything is changed. */
export interface RestartPlan {
  target: SyncTarget;
  /** The namespace the engine found the consumers in. */
  namespace: string;
  /** The requested workloads, each one the backend found consuming the Secret. */
  workloads: WorkloadRef[];
}

/**
 * Restarts of the workloads that consume an environment's Secret, as
 * `kubectl rollout restart` does, and how far their rollouts have come.
 * Which workloads exist and consume the Secret is always read from the
 * cluster: a name in a request only selects among them.
 */
export interface WorkloadsService {
  /**
   * Checks the requested workloads against the Deployments, StatefulSets
   * and DaemonSets found consuming the target's Secret that Reloader does not
   * restart: InputError, naming none of them, when one is not among those.
   */
  plan(target: SyncTarget, requested: WorkloadRef[]): Promise<RestartPlan>;
  /** Stamps each planned workload's pod template; its controller rolls it out. */
  restart(plan: RestartPlan): Promise<WorkloadRollouts>;
  /** The rollouts of every restartable consumer of the target's Secret. */
  rollouts(target: SyncTarget): Promise<WorkloadRollouts>;
}
