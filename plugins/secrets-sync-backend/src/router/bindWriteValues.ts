import { secretsSyncSecretWritePermission } from '@internal/plugin-secrets-sync-common';
import type { WriteResult } from '@internal/plugin-secrets-sync-common';
import { toHttpError, toStatusReason } from '../lib/infra/upstreamErrors';
import type { SecretChange } from '../lib/domain/secretDocument';
import type { SyncTarget } from '../services/SyncEngine';
import type { ApiRouter } from './apiRouter';
import { parseWriteRequest, validatedKeyNames } from './parseWriteRequest';
import type { RouteContext } from './routeContext';
import { AuditBase, auditOf, runMutation } from './runMutation';

function requestedEnvironments(body: unknown): string {
  const { environments } = (body ?? {}) as { environments?: unknown };
  return Array.isArray(environments)
    ? environments.filter(env => typeof env === 'string').join(', ')
    : '';
}

/**
 * Nothing was written anywhere: the answer has the first failure's status
 * and names every environment's failure, so none is hidden behind another.
 */
function failedEverywhere(
  outcomes: Array<{ result: WriteResult; error?: unknown }>,
): unknown {
  const error = toHttpError(outcomes[0].error);
  if (outcomes.length > 1 && error instanceof Error) {
    error.message = outcomes
      .map(({ result }) => `${result.environment}: ${result.error?.message}`)
      .join('; ');
  }
  return error;
}

/**
 * `POST /entities/:kind/:namespace/:name/values`: write values to one or
 * more environments. Everything is checked for every environment before
 * anything is written; each environment's write is then its own audit
 * event and its own result.
 */
export function bindWriteValues(router: ApiRouter, ctx: RouteContext) {
  async function writeOne(
    audit: AuditBase,
    target: SyncTarget,
    change: SecretChange,
  ): Promise<{ result: WriteResult; error?: unknown }> {
    try {
      const result = await ctx.audit.run(
        auditOf(audit, target),
        () =>
          ctx.secretsSync.writeValues(target, change, { actor: audit.actor }),
        written => ({
          outcome: written.outcome,
          ...(written.versionId ? { versionId: written.versionId } : {}),
        }),
      );
      return { result };
    } catch (error) {
      return {
        error,
        result: {
          environment: target.environment.name,
          outcome: 'failed',
          error: toStatusReason(error),
        },
      };
    }
  }

  router.post('/entities/:kind/:namespace/:name/values', async (req, res) => {
    const results = await runMutation(ctx, req, res, {
      eventId: 'secret-write',
      environment: requestedEnvironments(req.body),
      keyNames: validatedKeyNames(req.body),
      meta: { mode: req.body?.mode === 'replace' ? 'replace' : 'merge' },
      async prepare({ credentials, actor }, entityRef) {
        const request = parseWriteRequest(req.body);
        const { entity, targets } = await ctx.policy.prepare({
          credentials,
          actor,
          entityRef,
          environments: request.environments,
          permission: secretsSyncSecretWritePermission,
          confirmed: request.confirmRestricted,
          action: 'write',
          limit: 'writes',
        });
        return { entityRef: entity.entityRef, targets, change: request.change };
      },
      async act({ entityRef, targets, change }, audit) {
        const outcomes = await Promise.all(
          targets.map(target =>
            writeOne({ ...audit, entityRef }, target, change),
          ),
        );
        if (outcomes.every(outcome => outcome.error !== undefined)) {
          throw failedEverywhere(outcomes);
        }
        return outcomes.map(outcome => outcome.result);
      },
    });
    res.json({ results });
  });
}
