import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { secretsSyncRestrictedWritePermission } from '@internal/plugin-secrets-sync-common';
import type { EnvironmentConfig } from '../../config';
import { sameEntityRef } from '../../lib/domain/entityRefs';
import { RateLimitedError, RateLimiter } from '../RateLimit';
import type { SecretsSyncService } from '../SecretsSync';
import type { MutationPolicy } from './types';

/**
 * Creates the {@link MutationPolicy} on the permission framework, the rate
 * limiter and the service's entity, mapping and binding checks.
 */
export function createMutationPolicy(options: {
  permissions: PermissionsService;
  secretsSync: SecretsSyncService;
  rateLimiter: RateLimiter;
}): MutationPolicy {
  const { permissions, secretsSync, rateLimiter } = options;

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

  async function entityFor(
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ) {
    const entity = await secretsSync.resolveEntity({ entityRef, credentials });
    // the catalog compares refs case-insensitively; anything else is not what was asked for
    if (!sameEntityRef(entity.entityRef, entityRef)) {
      throw new NotFoundError(
        `Entity ${entityRef} was not found in the catalog`,
      );
    }
    await authorize(permission, entity.entityRef, credentials);
    return entity;
  }

  function restrictedOf(environments: EnvironmentConfig[]): string[] {
    return environments.filter(env => env.restricted).map(env => env.name);
  }

  return {
    entityFor,

    async prepare(request) {
      const { credentials } = request;
      const environments = secretsSync.getEnvironments(request.environments);
      const entity = await entityFor(
        request.entityRef,
        request.permission,
        credentials,
      );
      const restricted = restrictedOf(environments);
      if (restricted.length) {
        await authorize(
          secretsSyncRestrictedWritePermission,
          entity.entityRef,
          credentials,
        );
      }
      const targets = secretsSync.targetsFor(entity, environments);
      if (restricted.length && !request.confirmed) {
        throw new InputError(
          `${restricted.join(
            ', ',
          )} is restricted: set confirmRestricted to true to ${
            request.action
          } there`,
        );
      }
      if (request.limit) {
        const decision = rateLimiter.take({
          bucket: request.limit,
          user: request.actor,
          entityRef: entity.entityRef,
        });
        if (!decision.allowed) {
          throw new RateLimitedError(
            request.limit,
            decision.retryAfterSeconds,
            decision,
          );
        }
      }
      await secretsSync.assertBound(targets);
      return { entity, targets };
    },
  };
}
