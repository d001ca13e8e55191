import { ConflictError, InputError } from '@backstage/errors';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';
import type { SecretsSyncConfig } from '../../config';
import { toEnvironmentModel } from '../../lib/toEnvironmentModel';
import type { AwsSecretsService } from '../AwsSecrets';
import type { EntityMappingService } from '../EntityMapping';
import type { SyncEngineResolver } from '../SyncEngine';
import { SecretsSyncService } from './types';

/**
 * Creates the orchestration behind the routes.
 */
export function createSecretsSyncService(options: {
  config: SecretsSyncConfig;
  mapping: EntityMappingService;
  aws: AwsSecretsService;
  engines: SyncEngineResolver;
  now?: () => Date;
}): SecretsSyncService {
  const { config, mapping, aws, engines, now = () => new Date() } = options;
  const byName = new Map(config.environments.map(env => [env.name, env]));

  return {
    listEnvironments() {
      return config.environments.map(toEnvironmentModel);
    },

    getEnvironments(names) {
      const unknown = names.filter(name => !byName.has(name));
      if (unknown.length) {
        throw new InputError(
          `Unknown environment ${unknown
            .map(name => `"${name}"`)
            .join(', ')}; configured: ${[...byName.keys()].join(', ')}`,
        );
      }
      return [...new Set(names)].map(name => byName.get(name)!);
    },

    resolveEntity(request) {
      return mapping.resolve(request);
    },

    targetsFor(entity, environments) {
      if (!entity.optedIn || !entity.mapping) {
        throw new InputError(
          `${entity.entityRef} has not opted in to secrets-sync: add the ${SECRETS_SYNC_ENVIRONMENTS_ANNOTATION} annotation (and ${SECRETS_SYNC_TENANT_KEY_ANNOTATION} if its tenant key is not its name) to its catalog-info.yaml.`,
        );
      }
      const { tenantKey, conflict } = entity.mapping;
      if (conflict) {
        throw new ConflictError(conflict.message);
      }
      const foreign = environments.filter(
        env => !entity.mapping!.environments.includes(env.name),
      );
      if (foreign.length) {
        throw new InputError(
          `${entity.entityRef} does not run in ${foreign
            .map(env => env.name)
            .join(', ')}; its environments are: ${
            entity.mapping.environments.join(', ') || 'none'
          } (annotation ${SECRETS_SYNC_ENVIRONMENTS_ANNOTATION} on the ${
            entity.mapping.environmentsSource
          }).`,
        );
      }
      return environments.map(environment => ({
        environment,
        tenantKey,
        entityRef: entity.entityRef,
      }));
    },

    async getTopology(entity) {
      if (!entity.optedIn || !entity.mapping) {
        return {
          entityRef: entity.entityRef,
          optedIn: false,
          environments: [],
        };
      }
      const { tenantKey } = entity.mapping;
      const known = entity.mapping.environments.filter(name =>
        byName.has(name),
      );
      const unknownEnvironments = entity.mapping.environments.filter(
        name => !byName.has(name),
      );
      const environments = await Promise.all(
        known.map(name => {
          const environment = byName.get(name)!;
          return engines(environment).readStatus({
            environment,
            tenantKey,
            entityRef: entity.entityRef,
          });
        }),
      );
      return {
        entityRef: entity.entityRef,
        optedIn: true,
        mapping: {
          ...entity.mapping,
          ...(unknownEnvironments.length ? { unknownEnvironments } : {}),
        },
        environments,
      };
    },

    async writeValues(target, change) {
      const engine = engines(target.environment);
      const written = await aws.write({
        ref: engine.awsSecretRef(target),
        change,
        entityRef: target.entityRef,
      });
      const sync =
        written.outcome === 'written'
          ? await engine.afterWrite(target)
          : { syncRequested: false };
      return {
        environment: target.environment.name,
        outcome: written.outcome,
        ...(written.versionId ? { versionId: written.versionId } : {}),
        keys: written.keys,
        syncRequested: sync.syncRequested,
        ...(sync.warning ? { warning: sync.warning } : {}),
      };
    },

    async forceSync(target) {
      const requestedAt = now();
      const result = await engines(target.environment).forceSync(target);
      return { environment: target.environment.name, requestedAt, ...result };
    },

    async setEnabled(target, enabled) {
      await engines(target.environment).setEnabled(target, enabled);
      return { environment: target.environment.name, enabled };
    },
  };
}
