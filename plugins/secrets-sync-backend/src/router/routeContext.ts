import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { Response } from 'express';
import type { MutationAuditor } from './mutationAudit';
import type { FleetService } from '../services/Fleet';
import type { HistoryService } from '../services/History';
import type { MutationPolicy } from '../services/MutationPolicy';
import { RateLimitedError } from '../services/RateLimit';
import type { SecretsSyncService } from '../services/SecretsSync';
import type { WorkloadsService } from '../services/Workloads';
import { parseEntityParams } from './entityParams';

/** The person behind a request. */
export interface Caller {
  credentials: BackstageCredentials;
  actor: string;
}

/**
 * What every route shares: the services, and the HTTP side of a request
 * (who asks, which entity the path names, how a refusal is answered). The
 * decisions are the {@link MutationPolicy}'s.
 */
export interface RouteContext {
  secretsSync: SecretsSyncService;
  fleet: FleetService;
  history: HistoryService;
  workloads: WorkloadsService;
  audit: MutationAuditor;
  permissions: PermissionsService;
  policy: MutationPolicy;
  /**
   * Entity routes answer people only: the permission framework allows every
   * service principal without asking the policy, and each mutation must be
   * audited against the person who made it.
   */
  caller(req: Parameters<HttpAuthService['credentials']>[0]): Promise<Caller>;
  /** The requested entity ref in canonical form; InputError for a malformed path. */
  requestedRef(params: CompoundEntityRef): string;
  /** Answers a refusal, with `Retry-After` when it is a rate limit. */
  prepareError(res: Response, error: unknown): void;
}

/** Creates the {@link RouteContext}. */
export function createRouteContext(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  audit: MutationAuditor;
  policy: MutationPolicy;
  secretsSync: SecretsSyncService;
  fleet: FleetService;
  history: HistoryService;
  workloads: WorkloadsService;
}): RouteContext {
  const { httpAuth } = options;
  return {
    secretsSync: options.secretsSync,
    fleet: options.fleet,
    history: options.history,
    workloads: options.workloads,
    audit: options.audit,
    permissions: options.permissions,
    policy: options.policy,

    async caller(req) {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      return { credentials, actor: credentials.principal.userEntityRef };
    },

    requestedRef(params) {
      return stringifyEntityRef(parseEntityParams(params));
    },

    prepareError(res, error) {
      if (error instanceof RateLimitedError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
    },
  };
}
