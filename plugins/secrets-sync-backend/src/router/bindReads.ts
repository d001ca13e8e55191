import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { secretsSyncTopologyReadPermission } from '@internal/plugin-secrets-sync-common';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';

/** `GET /environments`, `GET /fleet` and `GET …/topology`: the routes that change nothing. */
export function bindReads(router: ApiRouter, ctx: RouteContext) {
  router.get('/environments', async (_req, res) => {
    res.json({ items: ctx.secretsSync.listEnvironments() });
  });

  router.get('/fleet', async (req, res) => {
    const { credentials } = await ctx.caller(req);
    const { environment, status, owner, engine, search, offset, limit } =
      req.query;
    res.json(
      await ctx.fleet.summarize({
        credentials,
        filters: {
          environment,
          status,
          owner,
          engine,
          search,
          offset: Number(offset ?? 0),
          limit: Number(limit ?? 500),
        },
        // one batch for every entity: the permission framework's own batching
        async authorize(entityRefs) {
          const decisions = await ctx.permissions.authorize(
            entityRefs.map(resourceRef => ({
              permission: secretsSyncTopologyReadPermission,
              resourceRef,
            })),
            { credentials },
          );
          return new Set(
            entityRefs.filter(
              (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
            ),
          );
        },
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/topology', async (req, res) => {
    const { credentials } = await ctx.caller(req);
    const entity = await ctx.policy.entityFor(
      ctx.requestedRef(req.params),
      secretsSyncTopologyReadPermission,
      credentials,
    );
    res.json(await ctx.secretsSync.getTopology(entity));
  });
}
