import { InputError } from '@backstage/errors';
import { secretsSyncSecretRollbackPermission } from '@internal/plugin-secrets-sync-common';
import type { ApiRouter } from './apiRouter';
import type { RouteContext } from './routeContext';
import { auditOf, runMutation } from './runMutation';

const VERSION_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The version id of a rollback request; the router's schema checked its shape. */
function requestedVersion(body: unknown): string {
  const { versionId } = (body ?? {}) as { versionId?: unknown };
  if (typeof versionId !== 'string' || !VERSION_ID.test(versionId)) {
    throw new InputError(
      'versionId must be the id of a version listed in the history (letters, digits and dashes)',
    );
  }
  return versionId;
}

/**
 * `POST /entities/:kind/:namespace/:name/environments/:environment/rollback`:
 * make an earlier version current again, then sync. Its own permission
 * (`secrets-sync.secret.rollback`), the restricted rule and the write rate
 * limit, as every mutation through the policy; audited as `secret-rollback`.
 */
export function bindRollback(router: ApiRouter, ctx: RouteContext) {
  router.post(
    '/entities/:kind/:namespace/:name/environments/:environment/rollback',
    async (req, res) => {
      const { environment } = req.params;
      const named = (req.body ?? {}).versionId;
      const result = await runMutation(ctx, req, res, {
        eventId: 'secret-rollback',
        environment,
        accountId: ctx.secretsSync.accountOf(environment),
        // a refusal names the version only when it is one a version id can be
        ...(typeof named === 'string' && VERSION_ID.test(named)
          ? { meta: { versionId: named } }
          : {}),
        prepare: async ({ credentials, actor }, entityRef) => {
          const versionId = requestedVersion(req.body);
          const { targets } = await ctx.policy.prepare({
            credentials,
            actor,
            entityRef,
            environments: [environment],
            permission: secretsSyncSecretRollbackPermission,
            confirmed: req.body?.confirmRestricted === true,
            action: 'roll back',
            limit: 'writes',
          });
          return { target: targets[0], versionId, actor };
        },
        act: ({ target, versionId, actor }, audit) =>
          ctx.audit.run(
            auditOf(audit, target),
            () => ctx.history.rollback({ target, versionId, actor }),
            response => ({
              outcome: 'rolled-back',
              versionId: response.versionId,
              previousVersionId: response.previousVersionId,
              syncRequested: response.syncRequested,
            }),
          ),
      });
      res.json(result);
    },
  );
}
