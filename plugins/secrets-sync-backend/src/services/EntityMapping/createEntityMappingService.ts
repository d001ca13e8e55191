import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
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
import { EntityMappingService } from './types';

const TENANT_KEY_FILTER = `metadata.annotations.${SECRETS_SYNC_TENANT_KEY_ANNOTATION}`;
const ENVIRONMENTS_FILTER = `metadata.annotations.${SECRETS_SYNC_ENVIRONMENTS_ANNOTATION}`;

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
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items
      .filter(item => claimedTenantKey(item) === tenantKey)
      .map(item => stringifyEntityRef(item))
      .sort();
  }

  async function findConflict(
    entityRef: string,
    tenantKey: string,
  ): Promise<TenantConflict | undefined> {
    if (!tenantKeyPattern.test(tenantKey)) {
      return {
        message: `Tenant key "${tenantKey}" does not match the allowed pattern ${tenantKeyPattern.source}; fix the ${SECRETS_SYNC_TENANT_KEY_ANNOTATION} annotation (or the entity name it defaults to).`,
        claimants: [entityRef],
      };
    }
    const all = await claimants(tenantKey);
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
      const own = annotation(entity, SECRETS_SYNC_ENVIRONMENTS_ANNOTATION);
      let environments = own ? parseEnvironments(own) : [];
      let environmentsSource: 'entity' | 'system' = 'entity';
      const systemRef =
        typeof entity.spec?.system === 'string'
          ? entity.spec.system
          : undefined;
      if (!own && systemRef) {
        const system = await catalog.getEntityByRef(
          parseEntityRef(systemRef, {
            defaultKind: 'system',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
          { credentials },
        );
        const inherited =
          system && annotation(system, SECRETS_SYNC_ENVIRONMENTS_ANNOTATION);
        if (inherited) {
          environments = parseEnvironments(inherited);
          environmentsSource = 'system';
        }
      }
      const conflict = await findConflict(ref, tenantKey);
      return {
        entity,
        entityRef: ref,
        optedIn: true,
        mapping: {
          tenantKey,
          environments,
          environmentsSource,
          ...(conflict ? { conflict } : {}),
        },
      };
    },
  };
}
