import type { Entity } from '@backstage/catalog-model';
import { SECRETS_SYNC_ENVIRONMENTS_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import {
  PLATFORM_READERS_GROUP,
  RESTRICTED_WRITERS_GROUP,
} from '../harness/backendConfig';
import { tenantComponent, userEntity } from '../harness/entities';

/** The principals of the matrix, by column. @public */
export type Principal =
  | 'unauthenticated'
  | 'non-owner'
  | 'owner'
  | 'restricted-group member'
  | 'owner in restricted group'
  | 'platform reader'
  | 'service principal';

/** Users of the matrix and the groups each belongs to. @public */
export const MATRIX_USERS = {
  'non-owner': {
    ref: 'user:default/mallory',
    groups: ['group:default/team-b'],
  },
  owner: { ref: 'user:default/olive', groups: ['group:default/team-a'] },
  'restricted-group member': {
    ref: 'user:default/rita',
    groups: [RESTRICTED_WRITERS_GROUP],
  },
  'owner in restricted group': {
    ref: 'user:default/pat',
    groups: ['group:default/team-a', RESTRICTED_WRITERS_GROUP],
  },
  /** In `secretsSync.platformReaders`: reads every entity, owns none. */
  'platform reader': {
    ref: 'user:default/percy',
    groups: [PLATFORM_READERS_GROUP],
  },
  /**
   * Owns the squatting and the conflicting entity, and may write to
   * restricted environments: only the platform's binding stands in the way.
   */
  'attacker in restricted group': {
    ref: 'user:default/sam',
    groups: ['group:default/team-b', RESTRICTED_WRITERS_GROUP],
  },
} as const;

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

/**
 * The names of the trust rows' entities and keys, derived from the matrix
 * tenant so every run has its own.
 *
 * @public
 */
export function trustNames(tenantKey: string) {
  return {
    /** A key whose namespaces exist, unbound, with no AWS secret: vacant. */
    vacantKey: `${tenantKey}-vacant`,
    squatter: `${tenantKey}-squatter`,
    claimant: `${tenantKey}-claimant`,
    /** team-a's second component, whose namespaces the platform never bound. */
    unbound: `${tenantKey}-unbound`,
    system: `${tenantKey}-system`,
  };
}

/**
 * The catalog of the matrix: one component owned by team-a (its namespaces
 * bound to it), and the entities of the trust rows. @public
 */
export function matrixEntities(tenantKey: string): Entity[] {
  const names = trustNames(tenantKey);
  return [
    group('team-a'),
    group('team-b'),
    group(RESTRICTED_WRITERS_GROUP.split('/')[1]),
    group(PLATFORM_READERS_GROUP.split('/')[1]),
    ...Object.values(MATRIX_USERS).map(user =>
      userEntity(user.ref.split('/')[1], [...user.groups]),
    ),
    tenantComponent({
      name: tenantKey,
      environments: ['dev', 'prod'],
      owner: 'group:default/team-a',
    }),
    tenantComponent({
      name: names.squatter,
      tenantKey: names.vacantKey,
      environments: ['dev', 'prod'],
      owner: 'group:default/team-b',
    }),
    tenantComponent({
      name: names.claimant,
      tenantKey,
      environments: ['dev', 'prod'],
      owner: 'group:default/team-b',
    }),
    tenantComponent({
      name: names.unbound,
      environments: ['dev', 'prod'],
      owner: 'group:default/team-a',
    }),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: names.system,
        namespace: 'default',
        annotations: { [SECRETS_SYNC_ENVIRONMENTS_ANNOTATION]: 'dev, prod' },
      },
      spec: { owner: 'group:default/team-a' },
    },
  ];
}

const OWNER_ONLY = {
  unauthenticated: 401,
  'non-owner': 403,
  owner: 200,
  'restricted-group member': 403,
  'owner in restricted group': 200,
  'platform reader': 403,
  'service principal': 403,
};

/** Reads: owners, and platform readers for every entity. */
const READABLE = { ...OWNER_ONLY, 'platform reader': 200 };

const RESTRICTED = {
  unauthenticated: 401,
  'non-owner': 403,
  owner: 403,
  'restricted-group member': 403,
  'owner in restricted group': 200,
  'platform reader': 403,
  'service principal': 403,
};

/** Who may do what, as the default policy intends. @public */
export const EXPECTED: Record<string, Record<Principal, number>> = {
  'GET /environments': {
    unauthenticated: 401,
    'non-owner': 200,
    owner: 200,
    'restricted-group member': 200,
    'owner in restricted group': 200,
    'platform reader': 200,
    'service principal': 200,
  },
  // lists only what the caller may read; a user's request, never a service's
  'GET fleet': {
    unauthenticated: 401,
    'non-owner': 200,
    owner: 200,
    'restricted-group member': 200,
    'owner in restricted group': 200,
    'platform reader': 200,
    'service principal': 403,
  },
  'GET topology': READABLE,
  'POST values (dev)': OWNER_ONLY,
  'POST values (prod, restricted)': RESTRICTED,
  'POST sync (dev)': OWNER_ONLY,
  'POST sync (prod, restricted)': RESTRICTED,
  'PUT enabled (dev)': OWNER_ONLY,
  'PUT enabled (prod, restricted)': RESTRICTED,
  'PUT disabled (dev)': OWNER_ONLY,
  'PUT disabled (prod, restricted)': RESTRICTED,
  'POST restart (dev)': OWNER_ONLY,
  'POST restart (prod, restricted)': RESTRICTED,
  'GET rollouts (dev)': READABLE,
  'GET history (dev)': READABLE,
  'GET history (prod, restricted)': READABLE,
  'POST rollback (dev)': OWNER_ONLY,
  'POST rollback (prod, restricted)': RESTRICTED,
  // the actions registry's actions: the routes they call, as the caller
  'action get-topology': READABLE,
  'action write-values (dev)': OWNER_ONLY,
  'action write-values (prod, restricted)': RESTRICTED,
  'action force-sync (dev)': OWNER_ONLY,
  'action force-sync (prod, restricted)': RESTRICTED,
  // the scaffolder's action, as the person who runs the template
  'scaffolder secrets-sync:write (dev)': OWNER_ONLY,
  'scaffolder secrets-sync:write (prod, restricted)': RESTRICTED,
};

/**
 * The trust rows: an entity whose `catalog-info.yaml` says what it likes,
 * asked for by its own owner (who may write to restricted environments),
 * on every entity route. What stops them is the platform's binding, the
 * tenant kinds, or the path rules. @public
 */
export type TrustScenario =
  | 'squatter'
  | 'conflicting claimant'
  | 'unbound namespace'
  | 'system'
  | 'traversal ref';

/** The answer each trust row gets on each entity route. @public */
export const TRUST_EXPECTED: Record<
  TrustScenario,
  { principal: keyof typeof MATRIX_USERS; status: number; topology: number }
> = {
  // 403: the binding names no entity (vacant) or another one
  squatter: {
    principal: 'attacker in restricted group',
    status: 403,
    topology: 200,
  },
  'conflicting claimant': {
    principal: 'attacker in restricted group',
    status: 403,
    topology: 200,
  },
  'unbound namespace': {
    principal: 'owner in restricted group',
    status: 403,
    topology: 200,
  },
  // 400: a System is never a tenant, only a default for its components
  system: {
    principal: 'owner in restricted group',
    status: 400,
    topology: 200,
  },
  // 400: `..` never reaches the catalog
  'traversal ref': {
    principal: 'owner in restricted group',
    status: 400,
    topology: 400,
  },
};
