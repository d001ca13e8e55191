import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import type { SyncTarget } from '../SyncEngine';

/**
 * What the platform says about who owns a tenant's namespace in one
 * environment. Never taken from the catalog: a `catalog-info.yaml` is
 * written by the tenant, the binding by whoever creates namespaces.
 *
 * - `bound`: the binding names the target's entity.
 * - `bound-elsewhere`: it names another entity (which one is not said).
 * - `unbound`: the namespace exists without a binding, or its binding is not an entity ref.
 * - `namespace-missing`: there is no namespace, and so no binding, yet.
 */
export type TenantBindingState =
  | 'bound'
  | 'bound-elsewhere'
  | 'unbound'
  | 'namespace-missing';

/** The binding of one target, and where it was read. */
export interface TenantBinding {
  state: TenantBindingState;
  /** `config` when the environment lists its tenants, else `namespace`. */
  source: 'config' | 'namespace';
  /** The namespace the target's engine uses. */
  namespace: string;
}

/**
 * Decides whether an entity may see and change a tenant's secrets in an
 * environment, from the platform's binding of the tenant's namespace.
 */
export interface TenantBindingService {
  /**
   * The binding as it is now. `consistent` reads the namespace from the API
   * server rather than a cache, as every mutation does.
   */
  read(
    target: SyncTarget,
    options?: { consistent?: boolean },
  ): Promise<TenantBinding>;
  /**
   * Throws {@link TenantNotBoundError} unless the binding names the target's
   * entity; read consistently. Called before every write, enable, disable
   * and force sync.
   */
  assertBound(target: SyncTarget): Promise<void>;
  /**
   * The environment's status through its engine, with every fact read from
   * AWS and the cluster withheld unless the binding names the target's
   * entity. The binding and the status are read in parallel.
   */
  readStatus(target: SyncTarget): Promise<EnvironmentTopology>;
}
