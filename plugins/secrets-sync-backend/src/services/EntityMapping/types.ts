import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { TenantMapping } from '@internal/plugin-secrets-sync-common';

/** An entity and what its annotations say about its secrets. */
export interface ResolvedEntity {
  entity: Entity;
  entityRef: string;
  /** False when the entity carries neither secrets-sync annotation, or is not of a tenant kind. */
  optedIn: boolean;
  /**
   * Present when opted in. `conflict` says another entity claims the key
   * too; it does not block by itself (the platform's binding decides).
   */
  mapping?: TenantMapping;
  /** Set when the tenant key is not allowed at all: every mutation is refused with it. */
  invalidTenantKey?: string;
}

/**
 * Maps catalog entities to tenant keys and environments. Entities are read
 * with the requesting user's credentials.
 */
export interface EntityMappingService {
  /** Throws NotFoundError when the entity does not exist or is not visible to the user. */
  resolve(options: {
    entityRef: string;
    credentials: BackstageCredentials;
  }): Promise<ResolvedEntity>;
  /**
   * Every opted-in entity the user can see, with its mapping, in a fixed
   * number of catalog reads however many there are.
   */
  resolveAll(options: {
    credentials: BackstageCredentials;
  }): Promise<ResolvedEntity[]>;
}
