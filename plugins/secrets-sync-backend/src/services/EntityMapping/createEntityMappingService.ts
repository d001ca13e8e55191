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
  const explicit = annotation(entity, SECRETS_SYNC_TENANT_KEY_ANNOTATION);
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
}): EntityMappingService {
  const { catalog, auth, tenantKeyPattern } = options;

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
      .filter(item => claimedTenantKey(item) === tenantKey)
      .map(item => stringifyEntityRef(item))
      .sort();
  }

  function findConflict(
    entityRef: string,
    tenantKey: string,
    all: string[],
  ): TenantConflict | undefined {
    if (!tenantKeyPattern.test(tenantKey)) {
      return {
        message: `Tenant key "${tenantKey}" does not match the allowed pattern ${tenantKeyPattern.source}; fix the ${SECRETS_SYNC_TENANT_KEY_ANNOTATION} annotation (or the entity name it defaults to).`,
        claimants: [entityRef],
      };
    }
    const others = all.filter(ref => ref !== entityRef);
    if (others.length === 0) {
      return undefined;
    }
    return {
      message: `Tenant key "${tenantKey}" is claimed by ${[
        entityRef,
        ...others,
      ].join(
        ', ',
      )}; a key belongs to one entity only, so writes are blocked for all of them until the ${SECRETS_SYNC_TENANT_KEY_ANNOTATION} annotations are made unique.`,
      claimants: [...new Set([entityRef, ...all])].sort(),
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
    const conflict = findConflict(ref, tenantKey, allClaimants);
    return {
      entity,
      entityRef: ref,
      optedIn: true,
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
      const tenantKey = claimedTenantKey(entity);
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
        const key = claimedTenantKey(item);
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
        .filter(item => claimedTenantKey(item) !== undefined)
        .map(item => {
          const systemRef = inheritsFrom(item);
          return resolved(
            item,
            systemRef ? systemByRef.get(systemRef) : undefined,
            [...(claimantsByKey.get(claimedTenantKey(item)!) ?? [])].sort(),
          );
        });
    },
  };
}
