import type { Entity } from '@backstage/catalog-model';
import { RESTRICTED_WRITERS_GROUP } from '../harness/backendConfig';
import { tenantComponent, userEntity } from '../harness/entities';

/** The principals of the matrix, by column. @public */
export type Principal =
  | 'unauthenticated'
  | 'non-owner'
  | 'owner'
  | 'restricted-group member'
  | 'owner in restricted group'
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
} as const;

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

/** The catalog of the matrix: one component owned by team-a. @public */
export function matrixEntities(tenantKey: string): Entity[] {
  return [
    group('team-a'),
    group('team-b'),
    group(RESTRICTED_WRITERS_GROUP.split('/')[1]),
    ...Object.values(MATRIX_USERS).map(user =>
      userEntity(user.ref.split('/')[1], [...user.groups]),
    ),
    tenantComponent({
      name: tenantKey,
      environments: ['dev', 'prod'],
      owner: 'group:default/team-a',
    }),
  ];
}

/** Who may do what, as the default policy intends. @public */
export const EXPECTED: Record<string, Record<Principal, number>> = {
  'GET /environments': {
    unauthenticated: 401,
    'non-owner': 200,
    owner: 200,
    'restricted-group member': 200,
    'owner in restricted group': 200,
    'service principal': 200,
  },
  'GET topology': {
    unauthenticated: 401,
    'non-owner': 403,
    owner: 200,
    'restricted-group member': 403,
    'owner in restricted group': 200,
    'service principal': 403,
  },
  'POST values (dev)': {
    unauthenticated: 401,
    'non-owner': 403,
    owner: 200,
    'restricted-group member': 403,
    'owner in restricted group': 200,
    'service principal': 403,
  },
  'POST values (prod, restricted)': {
    unauthenticated: 401,
    'non-owner': 403,
    owner: 403,
    'restricted-group member': 403,
    'owner in restricted group': 200,
    'service principal': 403,
  },
  'POST sync (dev)': {
    unauthenticated: 401,
    'non-owner': 403,
    owner: 200,
    'restricted-group member': 403,
    'owner in restricted group': 200,
    'service principal': 403,
  },
  'PUT enabled (dev)': {
    unauthenticated: 401,
    'non-owner': 403,
    owner: 200,
    'restricted-group member': 403,
    'owner in restricted group': 200,
    'service principal': 403,
  },
};
