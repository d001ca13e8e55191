import type { AuthService } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
  TenantConflict,
  normalizeTenantKey,
} from '@internal/plugin-secrets-sync-common';
import { EntityMappingService, ResolvedEntity } from './types';

const TENANT_KEY_FILTER = `metadata.annotations.${SECRETS_SYNC_TENANT_KEY_ANNOTATION}`;
const ENVIRONMENTS_FILTER = `metadata.annotations.${SECRETS_SYNC_ENVIRONMENTS_ANNOTATION}`;
const CLAIM_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key]?.trim();
  return value ? value : undefined;
}

function parseEnvironments(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map(name => name.trim())
        .filter(Boolean),
    ),
  ];
}

/** The tenant key an entity claims: its annotation, or its name when it opts in without one. */
export function claimedTenantKey(entity: Entity): string | undefined {
  const explicit = normalizeTenantKey(
    entity.metadata.annotations?.[SECRETS_SYNC_TENANT_KEY_ANNOTATION],
  );
  if (explicit) {
    return explicit;
  }
  return annotation(entity, SECRETS_SYNC_ENVIRONMENTS_ANNOTATION)
    ? entity.metadata.name
    : undefined;
}

/**
 * Creates the entity mapping service.
 */
export function createEntityMappingService(options: {
  catalog: CatalogService;
  auth: AuthService;
  tenantKeyPattern: RegExp;
  /** Kinds that may be tenants, lower case; a System's annotations are only inherited. */
  tenantKinds: string[];
}): EntityMappingService {
  const { catalog, auth, tenantKeyPattern } = options;
  const tenantKinds = new Set(options.tenantKinds);

  /** Whether an entity of this kind may be a tenant at all. */
  function isTenantKind(entity: Entity): boolean {
    return tenantKinds.has(entity.kind.toLocaleLowerCase('en-US'));
  }

  /** The tenant key an entity claims, when it is of a tenant kind. */
  function tenantKeyOf(entity: Entity): string | undefined {
    return isTenantKind(entity) ? claimedTenantKey(entity) : undefined;
  }

  /**
   * Every entity claiming a tenant key. Read with the plugin's own
   * credentials on purpose: a claimant the user cannot see must still block
   * the key, or a user could point their component at a secret they do not own.
   */
  async function claimants(tenantKey: string): Promise<string[]> {
    const { items } = await catalog.getEntities(
      {
        filter: [
          { [TENANT_KEY_FILTER]: tenantKey },
          {
            'metadata.name': tenantKey,
            [ENVIRONMENTS_FILTER]: CATALOG_FILTER_EXISTS,
          },
        ],
        fields: CLAIM_FIELDS,
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items
      .filter(item => tenantKeyOf(item) === tenantKey)
      .map(item => stringifyEntityRef(item))
      .sort();
  }

  /** Why the entity's tenant key cannot be used at all, if it cannot. */
  function keyProblem(tenantKey: string): string | undefined {
    return tenantKeyPattern.test(tenantKey)
      ? undefined
      : `Tenant key "${tenantKey}" does not match the allowed pattern ${tenantKeyPattern.source}; fix the ${SECRETS_SYNC_TENANT_KEY_ANNOTATION} annotation (or the entity name it defaults to).`;
  }

  /**
   * Another entity claiming the same key. Said without naming it: which
   * entity may act is the platform's binding's to decide, per environment,
   * and a claimant learns nothing of another tenant.
   */
  function findConflict(
    entityRef: string,
    tenantKey: string,
    all: string[],
  ): TenantConflict | undefined {
    if (all.every(ref => ref === entityRef)) {
      return undefined;
    }
    return {
      message: `Another catalog entity also claims tenant key "${tenantKey}". In each environment only the entity the platform bound to the tenant's namespace may see or change its secrets; if that is not ${entityRef}, choose another key in the ${SECRETS_SYNC_TENANT_KEY_ANNOTATION} annotation.`,
      claimants: [entityRef],
    };
  }

  /** The System whose environments an entity without its own inherits. */
  function inheritsFrom(entity: Entity): string | undefined {
    const systemRef =
      typeof entity.spec?.system === 'string' ? entity.spec.system : undefined;
    if (
      !systemRef ||
      annotation(entity, SECRETS_SYNC_ENVIRONMENTS_ANNOTATION) !== undefined
    ) {
      return undefined;
    }
    return stringifyEntityRef(
      parseEntityRef(systemRef, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  }

  /** An opted-in entity's mapping, from its System and every claimant of its key. */
  function resolved(
    entity: Entity,
    system: Entity | undefined,
    allClaimants: string[],
  ): ResolvedEntity {
    const ref = stringifyEntityRef(entity);
    const tenantKey = claimedTenantKey(entity)!;
    const own = annotation(entity, SECRETS_SYNC_ENVIRONMENTS_ANNOTATION);
    const inherited =
      system && annotation(system, SECRETS_SYNC_ENVIRONMENTS_ANNOTATION);
    const problem = keyProblem(tenantKey);
    const conflict = problem
      ? { message: problem, claimants: [ref] }
      : findConflict(ref, tenantKey, allClaimants);
    return {
      entity,
      entityRef: ref,
      optedIn: true,
      ...(problem ? { invalidTenantKey: problem } : {}),
      mapping: {
        tenantKey,
        environments: parseEnvironments(own ?? inherited ?? ''),
        environmentsSource: !own && inherited ? 'system' : 'entity',
        ...(conflict ? { conflict } : {}),
      },
    };
  }

  return {
    async resolve({ entityRef, credentials }) {
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(
          `Entity ${entityRef} was not found in the catalog`,
        );
      }
      const ref = stringifyEntityRef(entity);
      const tenantKey = tenantKeyOf(entity);
      if (!tenantKey) {
        return { entity, entityRef: ref, optedIn: false };
      }
      const systemRef = inheritsFrom(entity);
      const system = systemRef
        ? await catalog.getEntityByRef(systemRef, { credentials })
        : undefined;
      return resolved(entity, system, await claimants(tenantKey));
    },

    async resolveAll({ credentials }) {
      const filter: EntityFilterQuery = [
        { [TENANT_KEY_FILTER]: CATALOG_FILTER_EXISTS },
        { [ENVIRONMENTS_FILTER]: CATALOG_FILTER_EXISTS },
      ];
      // claimants with the plugin's own credentials, as in resolve()
      const [visible, every] = await Promise.all([
        catalog.getEntities(
          { filter, fields: [...CLAIM_FIELDS, 'metadata.title', 'spec'] },
          { credentials },
        ),
        catalog.getEntities(
          { filter, fields: CLAIM_FIELDS },
          { credentials: await auth.getOwnServiceCredentials() },
        ),
      ]);
      const claimantsByKey = new Map<string, string[]>();
      for (const item of every.items) {
        const key = tenantKeyOf(item);
        if (key) {
          claimantsByKey.set(key, [
            ...(claimantsByKey.get(key) ?? []),
            stringifyEntityRef(item),
          ]);
        }
      }
      const systemRefs = [
        ...new Set(
          visible.items
            .map(inheritsFrom)
            .filter((ref): ref is string => ref !== undefined),
        ),
      ];
      const systems = systemRefs.length
        ? await catalog.getEntitiesByRefs(
            { entityRefs: systemRefs, fields: CLAIM_FIELDS },
            { credentials },
          )
        : { items: [] };
      const systemByRef = new Map(
        systems.items
          .filter((item): item is Entity => item !== undefined)
          .map(item => [stringifyEntityRef(item), item]),
      );
      return visible.items
        .filter(item => tenantKeyOf(item) !== undefined)
        .map(item => {
          const systemRef = inheritsFrom(item);
          return resolved(
            item,
            systemRef ? systemByRef.get(systemRef) : undefined,
            [...(claimantsByKey.get(tenantKeyOf(item)!) ?? [])].sort(),
          );
        });
    },
  };
}
