import { callRoutesAsCaller } from './callRoutesAsCaller';
import type { ActionDeps } from './types';

/**
 * `force-sync`: the force-sync route (`POST …/environments/:environment/sync`)
 * as an action, so the operator or ESO re-reads AWS now instead of at its
 * next interval.
 */
export function registerForceSyncAction(deps: ActionDeps) {
  const { actionsRegistry, auth, discovery } = deps;
  actionsRegistry.register({
    name: 'force-sync',
    title: "Force a sync of a component's secrets",
    description:
      "Asks the sync engine of one environment to re-read a catalog component's secret from AWS now, as the calling user (the entity's owners may; a restricted environment also needs confirmRestricted and the restricted permission).",
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The component, such as component:default/checkout-web'),
          environment: z.string().describe('The environment, by name'),
          confirmRestricted: z
            .boolean()
            .optional()
            .describe('Must be true in a restricted environment'),
        }),
      output: z =>
        z.object({
          environment: z.string(),
          requestedAt: z.string(),
          targets: z.array(z.string()).optional(),
          warning: z.string().optional(),
        }),
    },
    async action({ input, credentials }) {
      const answer = await callRoutesAsCaller({
        auth,
        discovery,
        credentials,
      }).forceSync(
        input.entityRef,
        input.environment,
        input.confirmRestricted ?? false,
      );
      return {
        output: {
          environment: answer.environment,
          requestedAt: String(answer.requestedAt),
          ...(answer.targets ? { targets: answer.targets } : {}),
          ...(answer.warning ? { warning: answer.warning } : {}),
        },
      };
    },
  });
}
