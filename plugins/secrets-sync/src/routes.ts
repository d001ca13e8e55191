import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the entity's Secrets tab is mounted. */
export const rootRouteRef = createRouteRef({ id: 'secrets-sync' });

/** Where the fleet page is mounted. */
export const fleetRouteRef = createRouteRef({ id: 'secrets-sync.fleet' });
