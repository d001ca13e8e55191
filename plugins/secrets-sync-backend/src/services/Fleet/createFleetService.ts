import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  EnvironmentTopology,
  FleetEntity,
  FleetEnvironmentStatus,
} from '@internal/plugin-secrets-sync-common';
import type { SecretsSyncConfig } from '../../config';
import { inPool } from '../../lib/infra/inPool';
import { toStatusReason } from '../../lib/infra/upstreamErrors';
import type { AwsPrefetch, AwsSecretsService } from '../AwsSecrets';
import type { SharedCache } from '../AwsSecrets/createSharedCache';
import type { ResolvedEntity } from '../EntityMapping';
import type { EntityMappingService } from '../EntityMapping';
import type { CachedKubernetesService } from '../Kubernetes';
import {
  type AnyEngineDefinition,
  createSyncEngines,
  type SyncTarget,
} from '../SyncEngine';
import { clusterOf, namespaceOf } from '../SyncEngine/readHelpers';
import { createTenantBindingService } from '../TenantBinding';
import { createFleetChanges } from './fleetChanges';
import { createFleetStatusMemo } from './fleetStatusMemo';
import type { FleetFilters, FleetService } from './types';
import { createVersionTrustingReader } from './versionTrust';

/** Environments read at once; bounds memory, not calls (they come from caches). */
const READ_CONCURRENCY = 64;

function ownerRef(owner: unknown, namespace = 'default'): string | undefined {
  if (typeof owner !== 'string' || !owner) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return undefined;
  }
}

function summary(topology: EnvironmentTopology): FleetEnvironmentStatus {
  const stalePods = topology.consumers.reduce(
    (count, consumer) => count + consumer.stalePods.length,
    0,
  );
  return {
    environment: topology.environment.name,
    status: topology.status,
    ...(topology.reason ? { reason: topology.reason } : {}),
    ...(topology.aws.versionId ? { versionId: topology.aws.versionId } : {}),
    ...(topology.aws.lastChangedAt
      ? { lastChangedAt: topology.aws.lastChangedAt }
      : {}),
    ...(stalePods ? { stalePods } : {}),
    ...(topology.eso?.warning ? { warning: topology.eso.warning } : {}),
  };
}

/** Whether the lower-cased text is in the entity's reference, title or tenant key. */
function matchesSearch(entity: ResolvedEntity, search: string): boolean {
  return [
    entity.entityRef,
    entity.entity.metadata.title,
    entity.mapping?.tenantKey,
  ].some(field => field?.toLocaleLowerCase('en-US').includes(search));
}

/**
 * Creates the fleet summary: the catalog's opted-in entities, authorized in
 * one batch, their AWS secrets listed by name prefix per account, the
 * clusters' caches warmed, then each environment's status derived by its
 * engine from what is now in memory.
 *
 * Values are read only where a status needs them: a Secret the operator
 * stamped with the version `AWSCURRENT` is on is in sync by that version
 * (see {@link digestsByVersion}), and a namespace that does not exist is
 * shown missing whatever AWS holds. The rest are read in batches, each
 * version once (digests are cached by version id).
 */
export function createFleetService(options: {
  config: SecretsSyncConfig;
  mapping: EntityMappingService;
  aws: AwsSecretsService;
  kubernetes: CachedKubernetesService;
  /** The engines to offer; defaults to the registry. */
  definitions?: readonly AnyEngineDefinition[];
  /** What replicas share, so that one's mutations reach the others' memos. */
  shared?: SharedCache;
}): FleetService {
  const { config, mapping, aws, kubernetes } = options;
  const trusting = createVersionTrustingReader({ aws, kubernetes });
  // the engines and binding of a fleet pass read AWS through the stamp
  const engines = createSyncEngines({
    aws: trusting,
    kubernetes,
    pendingGracePeriodMs: config.pendingGracePeriodMs,
    ...(options.definitions ? { engines: options.definitions } : {}),
  });
  const binding = createTenantBindingService({ kubernetes, engines });
  const byName = new Map(config.environments.map(env => [env.name, env]));
  const memo = createFleetStatusMemo({ ttlMs: config.cache.fleetStatusTtlMs });
  const changes = createFleetChanges({ memo, shared: options.shared });

  function targetsOf(
    entity: ResolvedEntity,
    selected: ReadonlySet<string>,
  ): SyncTarget[] {
    return (entity.mapping?.environments ?? [])
      .filter(name => selected.has(name))
      .map(name => ({
        environment: byName.get(name)!,
        tenantKey: entity.mapping!.tenantKey,
        entityRef: entity.entityRef,
      }));
  }

  /**
   * Batches the targets' reads as each engine says: one AWS listing per
   * environment's name prefix, and each cluster's caches warmed once.
   * Answers the refs listed, which `derive` releases once it is done.
   */
  async function prepare(targets: SyncTarget[]) {
    const prefetch = new Map<string, AwsPrefetch>();
    let warmed: Promise<void> = Promise.resolve();
    const readValues: AwsPrefetch['readValues'] = (ref, versionId) =>
      warmed.then(
        () => trusting.readValues(ref, versionId),
        () => true,
      );
    const clusters = new Map<
      string,
      Parameters<typeof kubernetes.warmUp>[0][number]
    >();
    for (const target of targets) {
      const { environment } = target;
      const engine = engines(environment);
      const reads = engine.fleetReads(environment);
      let entry = prefetch.get(environment.name);
      if (!entry) {
        entry = {
          namePrefix: reads.awsNamePrefix,
          refs: [],
          readValues,
          listed: trusting.listed,
        };
        prefetch.set(environment.name, entry);
        clusters.set(environment.name, {
          ...reads.warmUp,
          cluster: { ...environment.kubernetes, aws: environment.aws },
        });
      }
      const ref = engine.awsSecretRef(target);
      entry.refs.push(ref);
      if (reads.stampedSecret) {
        trusting.locate(ref, {
          cluster: clusterOf(target),
          namespace: namespaceOf(target),
          contract: reads.stampedSecret,
          bindsByNamespace: !environment.binding.tenants,
        });
      }
    }
    warmed = kubernetes.warmUp(
      [...clusters.values()],
      config.cache.kubernetes.syncTimeoutMs,
    );
    const refs = [...prefetch.values()].flatMap(entry => entry.refs);
    try {
      await Promise.all([aws.prefetch([...prefetch.values()]), warmed]);
    } catch (error) {
      trusting.release(refs);
      throw error;
    }
    return refs;
  }

  /** Derives the targets' statuses from caches warmed for them in one batch. */
  async function derive(targets: SyncTarget[]) {
    const refs = await prepare(targets);
    try {
      return await deriveFromCaches(targets);
    } finally {
      trusting.release(refs);
    }
  }

  function deriveFromCaches(targets: SyncTarget[]) {
    return inPool(targets, READ_CONCURRENCY, target =>
      binding
        .readStatus(target)
        .then(summary)
        .catch(
          (error): FleetEnvironmentStatus => ({
            environment: target.environment.name,
            status: 'error',
            reason: toStatusReason(error),
          }),
        ),
    );
  }

  /**
   * The targets' statuses, derived only where the memo holds none: the next
   * page of a summary costs no derivation at all.
   */
  function statusesOf(
    targets: SyncTarget[],
  ): Promise<FleetEnvironmentStatus[]> {
    memo.prune();
    const statuses = targets.map(target =>
      memo.get(target.entityRef, target.environment.name),
    );
    const missing = targets.filter((_, index) => !statuses[index]);
    if (missing.length > 0) {
      const derived = derive(missing);
      let next = 0;
      statuses.forEach((status, index) => {
        if (status) return;
        const position = next++;
        const target = targets[index];
        const derivedStatus = derived.then(list => list[position]);
        statuses[index] = derivedStatus;
        memo.set(target.entityRef, target.environment.name, derivedStatus);
      });
    }
    return Promise.all(statuses as Promise<FleetEnvironmentStatus>[]);
  }

  /** The environments the filters leave, by name; refuses an engine none uses. */
  function selectedEnvironments(filters: FleetFilters): Set<string> {
    const engineTypes = [
      ...new Set(config.environments.map(env => env.engine.type)),
    ];
    if (filters.engine && !engineTypes.includes(filters.engine)) {
      throw new InputError(
        `No configured environment uses that sync engine; they use: ${engineTypes.join(
          ', ',
        )}`,
      );
    }
    return new Set(
      config.environments
        .filter(
          env =>
            (!filters.environment || env.name === filters.environment) &&
            (!filters.engine || env.engine.type === filters.engine),
        )
        .map(env => env.name),
    );
  }

  return {
    forget: changes.announce,
    async summarize({ credentials, filters, authorize }) {
      if (filters.environment && !byName.has(filters.environment)) {
        throw new InputError(
          `Unknown environment "${filters.environment}"; configured: ${[
            ...byName.keys(),
          ].join(', ')}`,
        );
      }
      const selected = selectedEnvironments(filters);
      const search = filters.search?.toLocaleLowerCase('en-US');
      const owner = filters.owner ? ownerRef(filters.owner) : undefined;
      if (filters.owner && !owner) {
        throw new InputError(
          `"${filters.owner}" is not an entity reference, such as group:default/team or team`,
        );
      }
      const resolved = (await mapping.resolveAll({ credentials }))
        .filter(
          entity =>
            !owner ||
            ownerRef(
              entity.entity.spec?.owner,
              entity.entity.metadata.namespace,
            ) === owner,
        )
        .filter(entity => !search || matchesSearch(entity, search))
        .filter(entity => targetsOf(entity, selected).length > 0);
      const allowed = await authorize(resolved.map(entity => entity.entityRef));
      const entities = resolved
        .filter(entity => allowed.has(entity.entityRef))
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      const targets = entities.flatMap(entity => targetsOf(entity, selected));
      await changes.follow();
      const statuses = await statusesOf(targets);
      let cursor = 0;
      const items: FleetEntity[] = entities.map(entity => {
        const count = targetsOf(entity, selected).length;
        const environments = statuses.slice(cursor, cursor + count);
        cursor += count;
        const conflict = entity.mapping?.conflict?.message;
        const title = entity.entity.metadata.title;
        const entityOwner = ownerRef(
          entity.entity.spec?.owner,
          entity.entity.metadata.namespace,
        );
        return {
          entityRef: entity.entityRef,
          ...(title ? { title } : {}),
          ...(entityOwner ? { owner: entityOwner } : {}),
          tenantKey: entity.mapping!.tenantKey,
          ...(conflict ? { conflict } : {}),
          environments,
        };
      });
      const matching = filters.status
        ? items.filter(item =>
            item.environments.some(env => env.status === filters.status),
          )
        : items;
      const statusCounts: Record<string, number> = {};
      for (const item of matching) {
        for (const env of item.environments) {
          statusCounts[env.status] = (statusCounts[env.status] ?? 0) + 1;
        }
      }
      return {
        items: matching.slice(filters.offset, filters.offset + filters.limit),
        totalEntities: matching.length,
        statusCounts,
        offset: filters.offset,
        limit: filters.limit,
      };
    },
  };
}
