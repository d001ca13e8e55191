import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { ResolvedEntity } from '../EntityMapping';
import type { RateLimitBucket } from '../RateLimit';
import type { SyncTarget } from '../SyncEngine';

/** A person's request to change one entity in some environments. */
export interface MutationRequest {
  credentials: BackstageCredentials;
  /** The person's entity ref, for the rate limits. */
  actor: string;
  /** The requested entity, in canonical form. */
  entityRef: string;
  /** Environment names as requested. */
  environments: string[];
  /** The permission the mutation needs on the entity. */
  permission: ResourcePermission<'catalog-entity'>;
  /** Whether the request confirms touching a restricted environment. */
  confirmed: boolean;
  /** How a refusal names the action, e.g. "write", "force a sync". */
  action: string;
  /** The rate limit the mutation counts against, if any. */
  limit?: RateLimitBucket;
}

/** What a mutation may act on once every check passed. */
export interface PreparedMutation {
  entity: ResolvedEntity;
  /** One per requested environment, in the requested order. */
  targets: SyncTarget[];
}

/**
 * Who may change what, decided in one place for every mutation (write,
 * force sync, enable, disable) and every read of one entity. The routes
 * only parse requests and answer; they hold no policy.
 */
export interface MutationPolicy {
  /**
   * The entity as the user sees it, after checking `permission` on it.
   * NotFoundError when the catalog answers with another entity than the one
   * asked for; NotAllowedError when the permission is denied.
   */
  entityFor(
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntity>;
  /**
   * Every check of a mutation, in this order, before anything is changed
   * anywhere:
   *
   * | # | check | refusal |
   * |---|---|---|
   * | 1 | every environment is configured | 400 naming the unknown ones |
   * | 2 | the entity is visible and the permission allows it | 404 / 403 |
   * | 3 | a restricted environment: the restricted permission | 403 |
   * | 4 | the entity opted in to every environment, with an allowed key | 400 / 409 |
   * | 5 | a restricted environment: the request confirms it | 400 saying how |
   * | 6 | the rate limit of the person and of the entity | 429 with Retry-After |
   * | 7 | the platform's binding names the entity | 403 saying who must bind it |
   *
   * The restricted permission comes before the mapping so a person without
   * it learns nothing of the restricted environment's mapping.
   */
  prepare(request: MutationRequest): Promise<PreparedMutation>;
}
