import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { findConsumers } from '../../../lib/domain/findConsumers';
import { toEnvironmentModel } from '../../../lib/domain/toEnvironmentModel';
import { clusterOf } from '../readHelpers';
import { compareKeys } from '../statusHelpers';
import type { EngineFacts, EngineStatus, SyncTarget } from '../types';
import { toAwsSecretFacts } from './toAwsSecretFacts';

/**
 * The topology of one environment from what its engine read and derived:
 * the AWS hop, the namespace hop, the Secret hop and the consumers, the
 * same for every engine, plus the engine's own part (`extra`). Only
 * metadata, key names and flags: values are compared by digest upstream.
 */
export function toEnvironmentTopology(
  target: SyncTarget,
  facts: EngineFacts,
  derived: EngineStatus,
  extra: Partial<EnvironmentTopology> = {},
): EnvironmentTopology {
  const snapshot = facts.aws.read.value;
  const namespace = facts.namespace.read.value;
  const secret = facts.secret.read.value;
  const updatedAt = secret?.updatedAt;
  const { lastForceSyncAt } = facts;
  const secretName = facts.secret.name;
  return {
    environment: toEnvironmentModel(target.environment),
    status: derived.status,
    ...(derived.reason ? { reason: derived.reason } : {}),
    aws: toAwsSecretFacts(facts.aws.ref, snapshot),
    kubernetes: {
      cluster: clusterOf(target).name,
      namespace: facts.namespace.name,
      namespaceExists: namespace !== undefined,
      optedIn: facts.optedIn,
      ...(lastForceSyncAt ? { lastForceSyncAt } : {}),
      ...(facts.kubernetesAsOf ? { asOf: facts.kubernetesAsOf } : {}),
      secretName,
      ...(secret
        ? {
            secret: {
              owned: facts.secret.owned,
              ...(secret.metadata.resourceVersion
                ? { resourceVersion: secret.metadata.resourceVersion }
                : {}),
              ...(updatedAt ? { updatedAt } : {}),
            },
          }
        : {}),
    },
    keys:
      derived.keys ??
      compareKeys(snapshot?.valueDigests, secret?.valueDigests, {
        aws: facts.aws.read.error !== undefined,
        secret: facts.secret.read.error !== undefined,
      }),
    ...extra,
    consumers:
      facts.workloads.value && secretName
        ? findConsumers({
            workloads: facts.workloads.value,
            secretName,
            secretUpdatedAt: updatedAt,
            secretReloaderMatch: secret?.reloaderMatch,
          })
        : [],
  };
}
