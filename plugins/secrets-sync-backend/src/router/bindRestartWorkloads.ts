import {
  secretsSyncTopologyReadPermission,
  secretsSyncWorkloadRestartPermission,
} from '@internal/plugin-secrets-sync-common';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';
import { auditOf, runMutation } from './runMutation';

/**
 * `POST …/environments/:environment/workloads/restart`: restart consuming
 * workloads as `kubectl rollout restart` does, guarded as every mutation
 * (restricted rule, rate limit, binding); and `GET …/workloads/rollouts`:
 * how far their rollouts have come, for whoever may read the topology.
 */
export function bindRestartWorkloads(router: ApiRouter, ctx: RouteContext) {
  router.post(
    '/entities/:kind/:namespace/:name/environments/:environment/workloads/restart',
    async (req, res) => {
      const { environment } = req.params;
      const result = await runMutation(ctx, req, res, {
        eventId: 'workload-restart',
        environment,
        accountId: ctx.secretsSync.accountOf(environment),
        prepare: async ({ credentials, actor }, entityRef) => {
          const { targets } = await ctx.policy.prepare({
            credentials,
            actor,
            entityRef,
            environments: [environment],
            permission: secretsSyncWorkloadRestartPermission,
            confirmed: req.body.confirmRestricted === true,
            action: 'restart workloads',
            limit: 'restarts',
          });
          return ctx.workloads.plan(targets[0], req.body.workloads);
        },
        act: (plan, audit) =>
          ctx.audit.run(
            {
              ...auditOf(audit, plan.target),
              meta: {
                namespace: plan.namespace,
                workloads: plan.workloads.map(w => `${w.kind}/${w.name}`),
              },
            },
            () => ctx.workloads.restart(plan),
            () => ({ outcome: 'restarted' }),
          ),
      });
      res.json(result);
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/environments/:environment/workloads/rollouts',
    async (req, res) => {
      const { credentials } = await ctx.caller(req);
      const environments = ctx.secretsSync.getEnvironments([
        req.params.environment,
      ]);
      const entity = await ctx.policy.entityFor(
        ctx.requestedRef(req.params),
        secretsSyncTopologyReadPermission,
        credentials,
      );
      const targets = ctx.secretsSync.targetsFor(entity, environments);
      await ctx.secretsSync.assertBound(targets);
      res.json(await ctx.workloads.rollouts(targets[0]));
    },
  );
}
