import type { Request, Response } from 'express';
import type { MutationAudit } from './mutationAudit';
import { toHttpError } from '../lib/infra/upstreamErrors';
import type { SyncTarget } from '../services/SyncEngine';
import type { Caller, RouteContext } from './routeContext';

/** The audit fields every event of one request shares. */
export type AuditBase = Omit<MutationAudit, 'environment' | 'accountId'> & {
  environment?: string;
  accountId?: string;
};

/**
 * A request's audit fields narrowed to the one environment a mutation acts
 * in, and the entity and account it resolved to.
 */
export function auditOf(audit: AuditBase, target: SyncTarget): MutationAudit {
  return {
    ...audit,
    entityRef: target.entityRef,
    environment: target.environment.name,
    accountId: target.environment.aws.accountId,
  };
}

/**
 * The one shape of every mutating route: who asks, for which entity (a
 * malformed path is refused before anything is read or audited under it),
 * then everything the mutation checks before it acts (`prepare`: permission,
 * restricted rule, rate limit, binding), audited as refused when it throws,
 * then the mutation itself (`act`), which audits what it did.
 */
export async function runMutation<Prepared, Result>(
  ctx: RouteContext,
  req: Request,
  res: Response,
  spec: {
    eventId: MutationAudit['eventId'];
    /** What the refusal's audit event names as the environment. */
    environment: string;
    accountId?: string;
    keyNames?: string[];
    meta?: MutationAudit['meta'];
    prepare: (caller: Caller, entityRef: string) => Promise<Prepared>;
    act: (prepared: Prepared, audit: AuditBase) => Promise<Result>;
  },
): Promise<Result> {
  const caller = await ctx.caller(req);
  const entityRef = ctx.requestedRef(
    req.params as { kind: string; namespace: string; name: string },
  );
  const audit: AuditBase = {
    eventId: spec.eventId,
    request: req,
    actor: caller.actor,
    entityRef,
    ...(spec.keyNames ? { keyNames: spec.keyNames } : {}),
    ...(spec.meta ? { meta: spec.meta } : {}),
  };
  let prepared: Prepared;
  try {
    prepared = await spec.prepare(caller, entityRef);
  } catch (error) {
    await ctx.audit.reject(
      {
        ...audit,
        environment: spec.environment,
        ...(spec.accountId ? { accountId: spec.accountId } : {}),
      },
      error,
    );
    ctx.prepareError(res, error);
    throw toHttpError(error);
  }
  try {
    return await spec.act(prepared, audit);
  } catch (error) {
    throw toHttpError(error);
  } finally {
    // whatever the mutation got to change, every replica's fleet shows it on its next page
    await ctx.fleet.forget(entityRef);
  }
}
