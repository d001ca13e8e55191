import type { Entity } from '@backstage/catalog-model';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';

function component(
  name: string,
  description: string,
  environments?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      description,
      annotations: environments
        ? {
            [SECRETS_SYNC_TENANT_KEY_ANNOTATION]: name,
            [SECRETS_SYNC_ENVIRONMENTS_ANNOTATION]: environments,
          }
        : {},
    },
    spec: {
      type: 'website',
      lifecycle: 'production',
      owner: 'team-storefront',
    },
  };
}

/** The dev harness's components, one per situation worth looking at. */
export const DEV_ENTITIES: Entity[] = [
  component(
    'checkout',
    'Six environments, one in each state',
    'dev, staging, qa, perf, eu-prod, prod',
  ),
  component('search', 'One environment, in sync', 'dev'),
  component(
    'payments',
    'Just onboarded: nothing written, a namespace missing',
    'dev, prod',
  ),
  component(
    'billing',
    'Six environments, seen by a user who may only read',
    'dev, staging, qa, perf, eu-prod, prod',
  ),
  component('empty', 'Opted in, no environments', ''),
  component('legacy-app', 'Not opted in'),
  component('offline', 'The backend cannot be reached', 'dev'),
];

/** The component that a read-only user looks at in the harness. */
export const READ_ONLY_ENTITY = 'component:default/billing';
