import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { secretsSyncRestrictedWritePermission } from '@internal/plugin-secrets-sync-common';
import type { Response } from 'express';
import type { EnvironmentConfig } from '../config';
import { MutationAuditor } from '../lib/audit';
import type { ResolvedEntity } from '../services/EntityMapping';
import type { FleetService } from '../services/Fleet';
import {
  RateLimitedError,
  RateLimiter,
  RateLimitBucket,
} from '../services/RateLimit';
import type { SecretsSyncService } from '../services/SecretsSync';
import { parseEntityParams, sameEntityRef } from './entityParams';

/** The person behind a request. */
export interface Caller {
  credentials: BackstageCredentials;
  actor: string;
}

/**
 * The policy every route applies, in one place: who is asking, may they,
 * which entity they mean, the restricted rule and the rate limits.
 */
export interface RouteContext {
  secretsSync: SecretsSyncService;
  fleet: FleetService;
  audit: MutationAuditor;
  permissions: PermissionsService;
  /**
   * Entity routes answer people only: the permission framework allows every
   * service principal without asking the policy, and each mutation must be
   * audited against the person who made it.
   */
  caller(req: Parameters<HttpAuthService['credentials']>[0]): Promise<Caller>;
  /** The requested entity ref in canonical form; InputError for a malformed path. */
  requestedRef(params: CompoundEntityRef): string;
  /**
   * The entity as the user sees it, after checking the permission on it;
   * NotFoundError when the catalog answers with another entity than the one asked for.
   */
  entityFor(
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntity>;
  /**
   * Every mutation touching a restricted environment needs the restricted
   * permission (checked here) and an explicit confirmation ({@link RouteContext.confirmRestricted}).
   */
  authorizeRestricted(options: {
    entity: ResolvedEntity;
    environments: EnvironmentConfig[];
    credentials: BackstageCredentials;
  }): Promise<void>;
  /** InputError unless a mutation touching a restricted environment was confirmed. */
  confirmRestricted(options: {
    environments: EnvironmentConfig[];
    confirmed: boolean;
    action: string;
  }): void;
  /** Counts a mutation against the caller's and the entity's limits; RateLimitedError past them. */
  limit(bucket: RateLimitBucket, actor: string, entityRef: string): void;
  /** Answers a refusal, with `Retry-After` when it is a rate limit. */
  prepareError(res: Response, error: unknown): void;
}

/** Creates the {@link RouteContext}. */
export function createRouteContext(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  audit: MutationAuditor;
  secretsSync: SecretsSyncService;
  fleet: FleetService;
  rateLimiter: RateLimiter;
}): RouteContext {
  const { httpAuth, permissions, rateLimiter } = options;

  async function authorize(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${permission.name} for ${entityRef}`,
      );
    }
  }

  return {
    ...options,

    async caller(req) {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      return { credentials, actor: credentials.principal.userEntityRef };
    },

    requestedRef(params) {
      return stringifyEntityRef(parseEntityParams(params));
    },

    async entityFor(entityRef, permission, credentials) {
      const entity = await options.secretsSync.resolveEntity({
        entityRef,
        credentials,
      });
      // the catalog compares refs case-insensitively; anything else is not what was asked for
      if (!sameEntityRef(entity.entityRef, entityRef)) {
        throw new NotFoundError(
          `Entity ${entityRef} was not found in the catalog`,
        );
      }
      await authorize(permission, entity.entityRef, credentials);
      return entity;
    },

    async authorizeRestricted({ entity, environments, credentials }) {
      if (environments.some(env => env.restricted)) {
        await authorize(
          secretsSyncRestrictedWritePermission,
          entity.entityRef,
          credentials,
        );
      }
    },

    confirmRestricted({ environments, confirmed, action }) {
      const restricted = environments
        .filter(env => env.restricted)
        .map(env => env.name);
      if (restricted.length && !confirmed) {
        throw new InputError(
          `${restricted.join(
            ', ',
          )} is restricted: set confirmRestricted to true to ${action} there`,
        );
      }
    },

    limit(bucket, actor, entityRef) {
      const decision = rateLimiter.take({ bucket, user: actor, entityRef });
      if (!decision.allowed) {
        throw new RateLimitedError(
          bucket,
          decision.retryAfterSeconds,
          decision,
        );
      }
    },

    prepareError(res, error) {
      if (error instanceof RateLimitedError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
    },
  };
}
