import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  FleetStatus,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';

/** What a fleet summary is narrowed to. */
export interface FleetFilters {
  environment?: string;
  status?: SyncStatus;
  /** An owner entity ref, kind defaulting to group and namespace to default. */
  owner?: string;
  /** Only environments of this sync engine (`engine.type`). */
  engine?: string;
  /** Text the entity's reference, title or tenant key contains, in any case. */
  search?: string;
  offset: number;
  limit: number;
}

/**
 * Status of many entities at once, at a cost that does not grow by a call
 * per entity: the catalog in a fixed number of reads, AWS account-wide,
 * the clusters from watch caches.
 */
export interface FleetService {
  summarize(options: {
    credentials: BackstageCredentials;
    filters: FleetFilters;
    /** The entity refs, of those given, the user may read the topology of (one batch). */
    authorize(entityRefs: string[]): Promise<Set<string>>;
  }): Promise<FleetStatus>;
  /**
   * Forgets the statuses remembered for an entity, after this backend
   * changed it, here and, through the shared cache, in every replica;
   * summaries otherwise reuse a status for `cache.fleetStatusTtl`.
   */
  forget(entityRef: string): Promise<void>;
}
