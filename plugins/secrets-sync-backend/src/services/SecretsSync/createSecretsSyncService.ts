import { ConflictError, InputError } from '@backstage/errors';
import {
  EnvironmentTopology,
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';
import type { SecretsSyncConfig } from '../../config';
import { withHopHealth } from '../../lib/domain/hopHealth';
import { toEnvironmentModel } from '../../lib/domain/toEnvironmentModel';
import { unreadTopology } from '../../lib/domain/unreadTopology';
import { toStatusReason } from '../../lib/infra/upstreamErrors';
import { assertOwnedBy, AwsSecretsService } from '../AwsSecrets';
import type { EntityMappingService } from '../EntityMapping';
import type { WriteRecorder } from '../History';
import type { SyncEngineResolver, SyncTarget } from '../SyncEngine';
import type { TenantBindingService } from '../TenantBinding';
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
  return unreadTopology(target.environment, {
    status: 'error',
    reason: toStatusReason(error),
  });
}

/**
 * Creates the orchestration behind the routes.
 */
export function createSecretsSyncService(options: {
  config: SecretsSyncConfig;
  mapping: EntityMappingService;
  aws: AwsSecretsService;
  engines: SyncEngineResolver;
  binding: TenantBindingService;
  /** Keeps the history's record of each write, when the plugin has one. */
  recorder?: WriteRecorder;
  now?: () => Date;
}): SecretsSyncService {
  const {
    config,
    mapping,
    aws,
    engines,
    binding,
    recorder,
    now = () => new Date(),
  } = options;
  const byName = new Map(config.environments.map(env => [env.name, env]));

  /** Sync must not carry another entity's AWS secret into this entity's namespace. */
  async function assertAwsOwner(target: SyncTarget) {
    const ref = engines(target.environment).awsSecretRef(target);
    assertOwnedBy(await aws.read(ref), ref, target.entityRef);
  }

  return {
    listEnvironments() {
      return config.environments.map(toEnvironmentModel);
    },
    accountOf(environment) {
      return byName.get(environment)?.aws.accountId;
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
      const { tenantKey } = entity.mapping;
      if (entity.invalidTenantKey) {
        throw new ConflictError(entity.invalidTenantKey);
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
    async assertBound(targets) {
      await Promise.all(targets.map(target => binding.assertBound(target)));
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
          return binding
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
        environments: environments.map(withHopHealth),
      };
    },

    async writeValues(target, change, writer) {
      const engine = engines(target.environment);
      const { restricted } = target.environment;
      const record = (
        outcome: 'written' | 'unchanged' | 'failed',
        versionId?: string,
      ) =>
        writer &&
        recorder?.recordWrite({
          target,
          actor: writer.actor,
          keysSet: Object.keys(change.set),
          keysUnset: change.unset,
          mode: change.mode,
          outcome,
          versionId,
        });
      let written;
      try {
        // an engine that takes values from elsewhere (a source Secret) writes them there
        written = engine.writeValues
          ? await engine.writeValues(target, change)
          : await aws.write({
              ref: engine.awsSecretRef(target),
              change,
              entityRef: target.entityRef,
              alwaysNewVersion: restricted,
            });
      } catch (error) {
        await record('failed');
        throw error;
      }
      await record(written.outcome, written.versionId);
      // An unchanged write still asks for a sync: retrying a write whose
      // sync request failed (a cluster down) is how a user heals it.
      const sync =
        written.outcome === 'written' || written.versionId
          ? await engine.afterWrite(target)
          : { syncRequested: false };
      return {
        environment: target.environment.name,
        // only an empty merge into a missing secret can still be unchanged here
        outcome: restricted ? 'written' : written.outcome,
        ...(written.versionId ? { versionId: written.versionId } : {}),
        keys: written.keys,
        syncRequested: sync.syncRequested,
        ...(sync.warning ? { warning: sync.warning } : {}),
      };
    },

    async forceSync(target) {
      const requestedAt = now();
      await assertAwsOwner(target);
      const result = await engines(target.environment).forceSync(target);
      return { environment: target.environment.name, requestedAt, ...result };
    },

    async setEnabled(target, enabled) {
      // Disabling is let through: it stops values reaching the bound
      // namespace, the safe direction whoever tagged the AWS secret.
      if (enabled) {
        await assertAwsOwner(target);
      }
      await engines(target.environment).setEnabled(target, enabled);
      return { environment: target.environment.name, enabled };
    },
  };
}
