import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntityTopology,
  Environment,
  FleetStatus,
  ForceSyncResponse,
  RollbackResponse,
  SetSyncEnabledResponse,
  SyncStatus,
  VersionHistory,
  WorkloadRef,
  WorkloadRollouts,
  WriteValuesRequest,
  WriteValuesResponse,
} from '@internal/plugin-secrets-sync-common';

/**
 * A mutation in a restricted environment is refused unless the user
 * confirmed it explicitly.
 *
 * @public
 */
export interface RestrictedConfirmation {
  /** True once the user has confirmed acting on a restricted environment. */
  confirmRestricted?: boolean;
}

/**
 * Which page of the fleet to read, narrowed by the backend before paging.
 *
 * @public
 */
export interface FleetQuery {
  /** Only this environment. */
  environment?: string;
  /** Only entities with an environment in this status. */
  status?: SyncStatus;
  /** Only entities of this owner, e.g. `group:default/team` or `team`. */
  owner?: string;
  /** Only environments of this sync engine. */
  engine?: string;
  /** Text the entity's reference, title or tenant key contains. */
  search?: string;
  /** Matching entities to skip, in order of their reference. */
  offset?: number;
  /** Entities in the page, at most 1000. */
  limit?: number;
}

/**
 * What the secrets-sync frontend asks of its backend.
 *
 * @public
 */
export interface SecretsSyncApi {
  /** The environments configured by the platform team. */
  listEnvironments(): Promise<Environment[]>;
  /** One page of every opted-in entity's status per environment, with totals. */
  getFleetStatus(query?: FleetQuery): Promise<FleetStatus>;
  /** Topology and status of one entity in each of its environments. */
  getEntityTopology(entityRef: CompoundEntityRef): Promise<EntityTopology>;
  /** Write-only: set and unset keys in one or more environments. */
  writeValues(
    entityRef: CompoundEntityRef,
    request: WriteValuesRequest,
  ): Promise<WriteValuesResponse>;
  /** Ask an environment's sync engine to re-read AWS Secrets Manager now. */
  forceSync(
    entityRef: CompoundEntityRef,
    environment: string,
    options?: RestrictedConfirmation,
  ): Promise<ForceSyncResponse>;
  /**
   * Restart consuming workloads as `kubectl rollout restart` does; only
   * those the backend found consuming the environment's Secret.
   */
  restartWorkloads(
    entityRef: CompoundEntityRef,
    environment: string,
    workloads: WorkloadRef[],
    options?: RestrictedConfirmation,
  ): Promise<WorkloadRollouts>;
  /** How far the rollouts of the environment's restartable consumers have come. */
  getWorkloadRollouts(
    entityRef: CompoundEntityRef,
    environment: string,
  ): Promise<WorkloadRollouts>;
  /**
   * The versions of the environment's AWS secret with who wrote each
   * through the portal and which keys each added, changed and removed.
   */
  getVersionHistory(
    entityRef: CompoundEntityRef,
    environment: string,
  ): Promise<VersionHistory>;
  /** Make an earlier version current again, then sync; never reads a value. */
  rollbackVersion(
    entityRef: CompoundEntityRef,
    environment: string,
    versionId: string,
    options?: RestrictedConfirmation,
  ): Promise<RollbackResponse>;
  /** Enable or disable sync (the namespace opt-in) for one environment. */
  setSyncEnabled(
    entityRef: CompoundEntityRef,
    environment: string,
    enabled: boolean,
    options?: RestrictedConfirmation,
  ): Promise<SetSyncEnabledResponse>;
}

/**
 * Reference to the {@link SecretsSyncApi}.
 *
 * @public
 */
export const secretsSyncApiRef = createApiRef<SecretsSyncApi>({
  id: 'plugin.secrets-sync.service',
});
