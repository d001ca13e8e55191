import { secretsSyncForceSyncPermission } from '@internal/plugin-secrets-sync-common';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';
import { auditOf, runMutation } from './runMutation';

/**
 * `POST /entities/:kind/:namespace/:name/environments/:environment/sync`:
 * ask the environment's engine to re-read AWS now.
 */
export function bindForceSync(router: ApiRouter, ctx: RouteContext) {
  router.post(
    '/entities/:kind/:namespace/:name/environments/:environment/sync',
    async (req, res) => {
      const { environment } = req.params;
      const result = await runMutation(ctx, req, res, {
        eventId: 'sync-force',
        environment,
        accountId: ctx.secretsSync.accountOf(environment),
        prepare: async ({ credentials, actor }, entityRef) => {
          const { targets } = await ctx.policy.prepare({
            credentials,
            actor,
            entityRef,
            environments: [environment],
            permission: secretsSyncForceSyncPermission,
            confirmed: req.body?.confirmRestricted === true,
            action: 'force a sync',
            limit: 'forceSyncs',
          });
          return targets[0];
        },
        act: (target, audit) =>
          ctx.audit.run(
            auditOf(audit, target),
            () => ctx.secretsSync.forceSync(target),
            response => ({
              outcome: 'requested',
              targets: response.targets ?? [],
            }),
          ),
      });
      res.json(result);
    },
  );
}
