import { entityRouteParams } from '@backstage/plugin-catalog-react';

/** Where the entity's Secrets tab is, relative to its catalog page. */
export const SECRETS_TAB_PATH = 'secrets';

/**
 * The Secrets tab of an entity, opened at one environment, given the app's
 * route to entity pages.
 */
export function secretsTabLink(
  entityRoute: (params: ReturnType<typeof entityRouteParams>) => string,
  entityRef: string,
  environment?: string,
): string {
  const tab = `${entityRoute(
    entityRouteParams(entityRef),
  )}/${SECRETS_TAB_PATH}`;
  return environment
    ? `${tab}?environment=${encodeURIComponent(environment)}`
    : tab;
}
