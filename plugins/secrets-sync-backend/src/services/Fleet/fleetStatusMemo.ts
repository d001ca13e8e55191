import type { FleetEnvironmentStatus } from '@internal/plugin-secrets-sync-common';

interface Entry {
  status: Promise<FleetEnvironmentStatus>;
  /** Until it settles, an entry is shared by every summary that asks. */
  expiresAt: number;
}

/**
 * The environment statuses a fleet summary derived, kept for a few seconds
 * so that the next pages of the same summary, and other users' summaries
 * (a status does not depend on who asks), reuse them instead of deriving
 * every status of the catalog again: paging through 10,000 entities would
 * otherwise cost as many full derivations as there are pages. A summary in
 * progress is shared, not repeated. What this backend changes (a write, a
 * rollback, a sync) is forgotten at once through {@link FleetStatusMemo.forget},
 * what another replica changed through {@link FleetStatusMemo.clear}.
 */
export interface FleetStatusMemo {
  /** The status remembered for an entity's environment, fresh or in progress. */
  get(
    entityRef: string,
    environment: string,
  ): Promise<FleetEnvironmentStatus> | undefined;
  /** Remembers a status being derived; a failed derivation is not remembered. */
  set(
    entityRef: string,
    environment: string,
    status: Promise<FleetEnvironmentStatus>,
  ): void;
  /** Forgets every status of an entity, after this backend changed it. */
  forget(entityRef: string): void;
  /** Forgets every status, after another replica changed an entity. */
  clear(): void;
  /** Drops what has expired, so memory follows the catalog, not its history. */
  prune(): void;
}

/** Creates the memo; `ttlMs` 0 remembers only summaries in progress. */
export function createFleetStatusMemo(options: {
  ttlMs: number;
  now?: () => number;
}): FleetStatusMemo {
  const now = options.now ?? Date.now;
  const byEntity = new Map<string, Map<string, Entry>>();
  // entity references compare without case, as the catalog's do
  const keyOf = (entityRef: string) => entityRef.toLocaleLowerCase('en-US');

  return {
    get(entityRef, environment) {
      const entry = byEntity.get(keyOf(entityRef))?.get(environment);
      return entry && entry.expiresAt > now() ? entry.status : undefined;
    },
    set(entityRef, environment, status) {
      const key = keyOf(entityRef);
      const entry: Entry = { status, expiresAt: Infinity };
      let environments = byEntity.get(key);
      if (!environments) {
        environments = new Map();
        byEntity.set(key, environments);
      }
      environments.set(environment, entry);
      status.then(
        () => {
          entry.expiresAt = now() + options.ttlMs;
        },
        () => {
          if (byEntity.get(key)?.get(environment) === entry) {
            byEntity.get(key)!.delete(environment);
          }
        },
      );
    },
    forget(entityRef) {
      byEntity.delete(keyOf(entityRef));
    },
    clear() {
      byEntity.clear();
    },
    prune() {
      const at = now();
      for (const [entityRef, environments] of byEntity) {
        for (const [environment, entry] of environments) {
          if (entry.expiresAt <= at) {
            environments.delete(environment);
          }
        }
        if (environments.size === 0) {
          byEntity.delete(entityRef);
        }
      }
    },
  };
}
