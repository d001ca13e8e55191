import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * What an audit event says about a mutation. Key names only: values never
 * reach an audit event.
 */
export interface MutationAudit {
  eventId: 'secret-write' | 'sync-force' | 'sync-configure';
  request: Request;
  actor: string;
  entityRef: string;
  environment: string;
  accountId: string;
  keyNames?: string[];
  meta?: JsonObject;
}

/** Runs mutations so that each one emits exactly one audit event. */
export type AuditedRunner = <T>(
  audit: MutationAudit,
  run: () => Promise<T>,
  outcome: (result: T) => JsonObject,
) => Promise<T>;

/**
 * The one place mutations are audited: an event is opened before the
 * mutation and closed with its outcome (AWS version id, written or
 * unchanged) or its error.
 */
export function createAuditedRunner(auditor: AuditorService): AuditedRunner {
  return async <T>(
    audit: MutationAudit,
    run: () => Promise<T>,
    outcome: (result: T) => JsonObject,
  ): Promise<T> => {
    const meta: JsonObject = {
      actor: audit.actor,
      entityRef: audit.entityRef,
      environment: audit.environment,
      accountId: audit.accountId,
      ...(audit.keyNames ? { keyNames: audit.keyNames } : {}),
      ...audit.meta,
    };
    const event = await auditor.createEvent({
      eventId: audit.eventId,
      severityLevel: 'medium',
      request: audit.request,
      meta,
    });
    let result: T;
    try {
      result = await run();
    } catch (error) {
      await event.fail({
        error: error instanceof Error ? error : new Error(String(error)),
        meta: { ...meta, outcome: 'failed' },
      });
      throw error;
    }
    await event.success({ meta: { ...meta, ...outcome(result) } });
    return result;
  };
}
