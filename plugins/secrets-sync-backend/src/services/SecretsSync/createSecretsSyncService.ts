import { ConflictError, InputError } from '@backstage/errors';
import {
  EnvironmentTopology,
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';
import type { SecretsSyncConfig } from '../../config';
import { toEnvironmentModel } from '../../lib/toEnvironmentModel';
import { toStatusReason } from '../../lib/upstreamErrors';
import type { AwsSecretsService } from '../AwsSecrets';
import type { EntityMappingService } from '../EntityMapping';
import type { SyncEngineResolver, SyncTarget } from '../SyncEngine';
import { SecretsSyncService } from './types';

/**
 * What an environment shows when its engine failed outright; engines report
 * read failures themselves, so this only keeps one environment's bug from
 * failing the others.
 */
function unreadableEnvironment(
  target: SyncTarget,
  error: unknown,
): EnvironmentTopology {
  const { environment } = target;
  return {
    environment: toEnvironmentModel(environment),
    status: 'error',
    reason: toStatusReason(error),
    aws: {
      accountId: environment.aws.accountId,
      region: environment.aws.region,
      secretName: '',
      exists: false,
    },
    kubernetes: {
      cluster: environment.kubernetes.name,
      namespace: '',
      namespaceExists: false,
      optedIn: false,
      secretName: '',
    },
    keys: [],
    consumers: [],
  };
}

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
          const target = {
            environment: byName.get(name)!,
            tenantKey,
            entityRef: entity.entityRef,
          };
          return engines(target.environment)
            .readStatus(target)
            .catch(error => unreadableEnvironment(target, error));
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
