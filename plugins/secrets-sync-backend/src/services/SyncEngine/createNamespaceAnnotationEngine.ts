import type { V1Namespace } from '@kubernetes/client-node';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  isOwnedByOperator,
  renderTemplate,
} from '@internal/plugin-secrets-sync-common';
import { deriveStatus } from '../../lib/deriveStatus';
import { findConsumers } from '../../lib/findConsumers';
import { forceSyncStampToDate } from '../../lib/forceSyncStamp';
import { toAwsSecretFacts } from '../../lib/toAwsSecretFacts';
import { toEnvironmentModel } from '../../lib/toEnvironmentModel';
import { toStatusReason } from '../../lib/upstreamErrors';
import type { AwsSecretsService } from '../AwsSecrets';
import type { KubernetesService } from '../Kubernetes';
import { bumpForceSync } from './bumpForceSync';
import {
  clusterOf,
  engineContract,
  namespaceOf,
  settle,
} from './readHelpers';
import { SyncEngine, SyncTarget } from './types';

function contractOf(target: SyncTarget) {
  return engineContract(target, 'namespace-annotation');
}

/**
 * Seed 001's engine: values go to AWS at the key template; the operator
 * watches the namespace's opt-in annotation and materialises the Secret;
 * force sync bumps the sync annotation to the current unix time.
 */
export function createNamespaceAnnotationEngine(options: {
  aws: AwsSecretsService;
  kubernetes: KubernetesService;
  pendingGracePeriodMs: number;
  now?: () => Date;
}): SyncEngine {
  const {
    aws,
    kubernetes,
    pendingGracePeriodMs,
    now = () => new Date(),
  } = options;

  async function requireNamespace(target: SyncTarget): Promise<V1Namespace> {
    const name = namespaceOf(target);
    const namespace = await kubernetes.getNamespace(clusterOf(target), name);
    if (!namespace) {
      throw new NotFoundError(
        `Namespace ${name} does not exist in cluster ${target.environment.kubernetes.name}; it is created when ${target.tenantKey} is deployed to ${target.environment.name}.`,
      );
    }
    return namespace;
  }

  function optedIn(target: SyncTarget, namespace: V1Namespace | undefined) {
    const contract = contractOf(target);
    return (
      namespace?.metadata?.annotations?.[contract.optInAnnotation] ===
      contract.enabledValue
    );
  }

  /** Bumps the namespace's sync annotation; see {@link bumpForceSync}. */
  async function bumpSync(
    target: SyncTarget,
    namespace: V1Namespace,
  ): Promise<string[]> {
    const name = namespaceOf(target);
    await bumpForceSync({
      object: namespace,
      annotation: contractOf(target).forceSyncAnnotation,
      now,
      patch: (_current, annotations, resourceVersion) =>
        kubernetes.patchNamespaceAnnotations(
          clusterOf(target),
          name,
          annotations,
          { resourceVersion },
        ),
      reread: () =>
        kubernetes.getNamespace(clusterOf(target), name, { consistent: true }),
    });
    return [`namespace/${name}`];
  }

  const engine: SyncEngine = {
    awsSecretRef(target) {
      return {
        accountId: target.environment.aws.accountId,
        region: target.environment.aws.region,
        endpoint: target.environment.aws.endpoint,
        name: renderTemplate(
          contractOf(target).awsKeyTemplate,
          target.tenantKey,
        ),
      };
    },

    async readStatus(target) {
      const contract = contractOf(target);
      const cluster = clusterOf(target);
      const namespaceName = namespaceOf(target);
      const awsRef = engine.awsSecretRef(target);
      const [awsRead, namespaceRead, secretRead, workloadsRead] =
        await Promise.all([
          settle(aws.read(awsRef)),
          settle(kubernetes.getNamespace(cluster, namespaceName)),
          settle(
            kubernetes.getSecret(cluster, namespaceName, contract.secretName),
          ),
          settle(kubernetes.listWorkloads(cluster, namespaceName)),
        ]);
      const snapshot = awsRead.value;
      const namespace = namespaceRead.value;
      const secret = secretRead.value;
      const lastForceSyncAt = forceSyncStampToDate(
        namespace?.metadata?.annotations?.[contract.forceSyncAnnotation],
      );
      const owned = secret
        ? isOwnedByOperator(contract, secret.metadata?.labels)
        : false;
      const updatedAt = secret?.updatedAt;
      const derived = deriveStatus({
        now: now(),
        gracePeriodMs: pendingGracePeriodMs,
        aws: {
          error: awsRead.error
            ? toStatusReason(awsRead.error, 'aws')
            : undefined,
          exists: snapshot?.exists ?? false,
          lastChangedAt: snapshot?.lastChangedAt,
          deletionScheduledAt: snapshot?.deletionScheduledAt,
          values: snapshot?.valueDigests,
          invalidDocument: snapshot?.invalidDocument,
        },
        namespace: {
          error: namespaceRead.error
            ? toStatusReason(namespaceRead.error, 'kubernetes')
            : undefined,
          exists: namespace !== undefined,
          optedIn: optedIn(target, namespace),
          lastForceSyncAt,
        },
        secret: {
          error: secretRead.error
            ? toStatusReason(secretRead.error, 'kubernetes')
            : undefined,
          exists: secret !== undefined,
          owned,
          updatedAt,
          values: secret?.valueDigests,
        },
        consumers: {
          error: workloadsRead.error
            ? toStatusReason(workloadsRead.error, 'kubernetes')
            : undefined,
        },
      });
      return {
        environment: toEnvironmentModel(target.environment),
        status: derived.status,
        ...(derived.reason ? { reason: derived.reason } : {}),
        aws: toAwsSecretFacts(awsRef, snapshot),
        kubernetes: {
          cluster: cluster.name,
          namespace: namespaceName,
          namespaceExists: namespace !== undefined,
          optedIn: optedIn(target, namespace),
          ...(lastForceSyncAt ? { lastForceSyncAt: lastForceSyncAt } : {}),
          secretName: contract.secretName,
          ...(secret
            ? {
                secret: {
                  owned,
                  ...(secret.metadata?.resourceVersion
                    ? { resourceVersion: secret.metadata.resourceVersion }
                    : {}),
                  ...(updatedAt ? { updatedAt: updatedAt } : {}),
                },
              }
            : {}),
        },
        keys: derived.keys,
        consumers: workloadsRead.value
          ? findConsumers({
              workloads: workloadsRead.value,
              secretName: contract.secretName,
              secretUpdatedAt: updatedAt,
            })
          : [],
      };
    },

    async afterWrite(target) {
      try {
        const namespace = await kubernetes.getNamespace(
          clusterOf(target),
          namespaceOf(target),
        );
        if (!namespace || !optedIn(target, namespace)) {
          return { syncRequested: false };
        }
        await bumpSync(target, namespace);
        return { syncRequested: true };
      } catch (error) {
        return {
          syncRequested: false,
          warning: `Written to AWS, but the sync could not be requested: ${
            toStatusReason(error).message
          }`,
        };
      }
    },

    async forceSync(target) {
      const namespace = await requireNamespace(target);
      if (!optedIn(target, namespace)) {
        throw new ConflictError(
          `Sync is not enabled for ${target.tenantKey} in ${
            target.environment.name
          } (namespace ${namespaceOf(target)}); enable it first.`,
        );
      }
      return { targets: await bumpSync(target, namespace) };
    },

    async setEnabled(target, enabled) {
      await requireNamespace(target);
      const contract = contractOf(target);
      await kubernetes.patchNamespaceAnnotations(
        clusterOf(target),
        namespaceOf(target),
        {
          [contract.optInAnnotation]: enabled ? contract.enabledValue : null,
        },
      );
    },
  };
  return engine;
}
