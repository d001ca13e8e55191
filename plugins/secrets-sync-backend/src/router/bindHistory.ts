import { secretsSyncTopologyReadPermission } from '@internal/plugin-secrets-sync-common';
import { toHttpError } from '../lib/infra/upstreamErrors';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';

/**
 * `GET /entities/:kind/:namespace/:name/environments/:environment/history`:
 * the AWS secret's versions with the portal's record of each write and
 * rollback. Read as the topology is (`secrets-sync.topology.read`), and only
 * where the platform's binding names the entity, since the history names
 * the secret's keys.
 */
export function bindHistory(router: ApiRouter, ctx: RouteContext) {
  router.get(
    '/entities/:kind/:namespace/:name/environments/:environment/history',
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
      const [target] = ctx.secretsSync.targetsFor(entity, environments);
      try {
        await ctx.secretsSync.assertBound([target]);
        res.json(await ctx.history.getHistory(target));
      } catch (error) {
        throw toHttpError(error);
      }
    },
  );
}
