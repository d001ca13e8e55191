import { secretsSyncConfigurePermission } from '@internal/plugin-secrets-sync-common';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';
import { auditOf, runMutation } from './runMutation';

/**
 * `PUT /entities/:kind/:namespace/:name/environments/:environment/enabled`:
 * turn sync on or off for one environment. Disabling makes the operator
 * delete the Secret, so it is guarded exactly as enabling is.
 */
export function bindSetSyncEnabled(router: ApiRouter, ctx: RouteContext) {
  router.put(
    '/entities/:kind/:namespace/:name/environments/:environment/enabled',
    async (req, res) => {
      const { environment } = req.params;
      const { enabled } = req.body;
      const result = await runMutation(ctx, req, res, {
        eventId: 'sync-configure',
        environment,
        accountId: ctx.secretsSync.accountOf(environment),
        meta: { enabled },
        prepare: async ({ credentials, actor }, entityRef) => {
          const { targets } = await ctx.policy.prepare({
            credentials,
            actor,
            entityRef,
            environments: [environment],
            permission: secretsSyncConfigurePermission,
            confirmed: req.body.confirmRestricted === true,
            action: enabled ? 'enable sync' : 'disable sync',
          });
          return targets[0];
        },
        act: (target, audit) =>
          ctx.audit.run(
            auditOf(audit, target),
            () => ctx.secretsSync.setEnabled(target, enabled),
            () => ({ outcome: 'applied' }),
          ),
      });
      res.json(result);
    },
  );
}
