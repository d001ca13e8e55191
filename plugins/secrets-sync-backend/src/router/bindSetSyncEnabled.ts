import { secretsSyncConfigurePermission } from '@internal/plugin-secrets-sync-common';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';
import { runMutation } from './runMutation';

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
        async prepare({ credentials }, entityRef) {
          const environments = ctx.secretsSync.getEnvironments([environment]);
          const entity = await ctx.entityFor(
            entityRef,
            secretsSyncConfigurePermission,
            credentials,
          );
          await ctx.authorizeRestricted({ entity, environments, credentials });
          const targets = ctx.secretsSync.targetsFor(entity, environments);
          ctx.confirmRestricted({
            environments,
            confirmed: req.body.confirmRestricted === true,
            action: enabled ? 'enable sync' : 'disable sync',
          });
          await ctx.secretsSync.assertBound(targets);
          return targets[0];
        },
        act: (target, audit) =>
          ctx.audit.run(
            {
              ...audit,
              entityRef: target.entityRef,
              environment,
              accountId: target.environment.aws.accountId,
            },
            () => ctx.secretsSync.setEnabled(target, enabled),
            () => ({ outcome: 'applied' }),
          ),
      });
      res.json(result);
    },
  );
}
