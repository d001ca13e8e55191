import { secretsSyncConfigurePermission } from '@internal/plugin-secrets-sync-common';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';
import { prepareEnvironmentMutation } from './prepareEnvironmentMutation';
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
        prepare: (caller, entityRef) =>
          prepareEnvironmentMutation(ctx, {
            caller,
            entityRef,
            environment,
            permission: secretsSyncConfigurePermission,
            confirmed: req.body.confirmRestricted === true,
            action: enabled ? 'enable sync' : 'disable sync',
          }),
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
