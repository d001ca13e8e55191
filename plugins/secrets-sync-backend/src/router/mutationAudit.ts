import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * What an audit event says about a mutation. Key names only: values never
 * reach an audit event.
 */
export interface MutationAudit {
  eventId: 'secret-write' | 'sync-force' | 'sync-configure' | 'workload-restart' | 'secret-rollback';
  request: Request;
  actor: string;
  entityRef: string;
  /** One environment, or the requested ones when refused before any was reached. */
  environment: string;
  /** Absent when the environment is not configured. */
  accountId?: string;
  keyNames?: string[];
  meta?: JsonObject;
}

/** The one place mutations are audited. */
export interface MutationAuditor {
  /**
   * Runs a mutation inside an event that is closed with its outcome (AWS
   * version id, written or unchanged) or its error.
   */
  run<T>(
    audit: MutationAudit,
    mutation: () => Promise<T>,
    outcome: (result: T) => JsonObject,
  ): Promise<T>;
  /** Records a mutation refused before it started: denied, invalid, conflicting. */
  reject(audit: MutationAudit, error: unknown): Promise<void>;
}

function metaOf(audit: MutationAudit): JsonObject {
  return {
    actor: audit.actor,
    entityRef: audit.entityRef,
    environment: audit.environment,
    ...(audit.accountId ? { accountId: audit.accountId } : {}),
    ...(audit.keyNames ? { keyNames: audit.keyNames } : {}),
    ...audit.meta,
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Creates the {@link MutationAuditor} on top of the auditor service.
 */
export function createMutationAuditor(
  auditor: AuditorService,
): MutationAuditor {
  const open = (audit: MutationAudit, meta: JsonObject) =>
    auditor.createEvent({
      eventId: audit.eventId,
      severityLevel: 'medium',
      request: audit.request,
      meta,
    });

  return {
    async run(audit, mutation, outcome) {
      const meta = metaOf(audit);
      const event = await open(audit, meta);
      let result;
      try {
        result = await mutation();
      } catch (error) {
        await event.fail({
          error: asError(error),
          meta: { ...meta, outcome: 'failed' },
        });
        throw error;
      }
      await event.success({ meta: { ...meta, ...outcome(result) } });
      return result;
    },

    async reject(audit, error) {
      const meta = { ...metaOf(audit), outcome: 'refused' };
      const event = await open(audit, meta);
      await event.fail({ error: asError(error), meta });
    },
  };
}
