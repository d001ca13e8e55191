import type { Entity } from '@backstage/catalog-model';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';

/**
 * A catalog Component opted in to secrets-sync.
 *
 * @public
 */
export function tenantComponent(options: {
  name: string;
  tenantKey?: string;
  environments: string[];
  owner?: string;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: options.name,
      namespace: 'default',
      annotations: {
        [SECRETS_SYNC_TENANT_KEY_ANNOTATION]: options.tenantKey ?? options.name,
        [SECRETS_SYNC_ENVIRONMENTS_ANNOTATION]: options.environments.join(', '),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'experimental',
      owner: options.owner ?? 'group:default/team-a',
    },
  };
}

/** A catalog User with group memberships, for ownership decisions. @public */
export function userEntity(name: string, memberOf: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf },
  };
}

/** A name no other run uses, for namespaces and tenant keys. @public */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random()
    .toString(36)
    .slice(2, 6)}`;
}
