import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  EnvironmentTopology,
  EsoFacts,
  renderTemplate,
} from '@internal/plugin-secrets-sync-common';
import { compareKeys } from '../../lib/deriveStatus';
import { deriveExternalSecretStatus } from '../../lib/deriveExternalSecretStatus';
import {
  forceSyncNoOpReason,
  pullsSecret,
  readyCondition,
  targetSecretName,
} from '../../lib/externalSecretFacts';
import { findConsumers } from '../../lib/findConsumers';
import { forceSyncStampToDate } from '../../lib/forceSyncStamp';
import { toAwsSecretFacts } from '../../lib/toAwsSecretFacts';
import { toEnvironmentModel } from '../../lib/toEnvironmentModel';
import { toStatusReason } from '../../lib/upstreamErrors';
import type { AwsSecretRef, AwsSecretsService } from '../AwsSecrets';
import type { ExternalSecret, KubernetesService } from '../Kubernetes';
import { bumpForceSync } from './bumpForceSync';
import {
  clusterOf,
  engineContract,
  namespaceOf,
  settle,
} from './readHelpers';
import { SyncEngine, SyncTarget } from './types';

function contractOf(target: SyncTarget) {
  return engineContract(target, 'external-secret');
}

function apiOf(target: SyncTarget) {
  const contract = contractOf(target);
  return { group: contract.apiGroup, versions: contract.apiVersions };
}

function esoFacts(externalSecret: ExternalSecret): EsoFacts {
  const ready = readyCondition(externalSecret);
  const { spec, status } = externalSecret;
  const warning = forceSyncNoOpReason(externalSecret);
  return {
    resourceName: externalSecret.metadata.name ?? '',
    apiVersion: externalSecret.apiVersion,
    ...(ready ? { ready: ready.status } : {}),
    ...(ready?.reason ? { reason: ready.reason } : {}),
    ...(ready?.message ? { message: ready.message } : {}),
    ...(status?.refreshTime
      ? { refreshTime: new Date(status.refreshTime) }
      : {}),
    ...(status?.syncedResourceVersion
      ? { syncedResourceVersion: status.syncedResourceVersion }
      : {}),
    ...(spec?.refreshPolicy ? { refreshPolicy: spec.refreshPolicy } : {}),
    ...(spec?.refreshInterval ? { refreshInterval: spec.refreshInterval } : {}),
    ...(warning ? { warning } : {}),
  };
}

/**
 * Seed 004's engine: values go to AWS at the key template as before; an
 * External Secrets Operator ExternalSecret in the tenant's namespace whose
 * remote key is that secret pulls them into a Secret. Force sync bumps the
 * ExternalSecrets' `force-sync` annotation; status comes from their `Ready`
 * condition. The ExternalSecrets themselves are the cluster's to manage.
 */
export function createExternalSecretEngine(options: {
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

  /** The ExternalSecrets of the tenant's namespace that pull its AWS secret. */
  async function pulling(
    target: SyncTarget,
    ref: AwsSecretRef,
    consistent = false,
  ): Promise<ExternalSecret[]> {
    const items = await kubernetes.listExternalSecrets(
      clusterOf(target),
      namespaceOf(target),
      apiOf(target),
      { consistent },
    );
    return items.filter(item => pullsSecret(item, ref));
  }

  /** Bumps one ExternalSecret's force-sync annotation; see {@link bumpForceSync}. */
  async function bump(target: SyncTarget, externalSecret: ExternalSecret) {
    const { name, namespace } = externalSecret.metadata;
    await bumpForceSync({
      object: externalSecret,
      annotation: contractOf(target).forceSyncAnnotation,
      now,
      patch: (current, annotations, resourceVersion) =>
        kubernetes.patchExternalSecretAnnotations(
          clusterOf(target),
          current,
          annotations,
          { resourceVersion },
        ),
      reread: async () =>
        (
          await kubernetes.listExternalSecrets(
            clusterOf(target),
            namespaceOf(target),
            apiOf(target),
            { consistent: true },
          )
        ).find(item => item.metadata.name === name),
    });
    return `externalsecret/${namespace}/${name}`;
  }

  /** Bumps every ExternalSecret, saying which ones ESO will ignore. */
  async function bumpAll(target: SyncTarget, items: ExternalSecret[]) {
    const targets = await Promise.all(items.map(item => bump(target, item)));
    const noOps = items
      .map(forceSyncNoOpReason)
      .filter((reason): reason is string => reason !== undefined);
    return {
      targets,
      ...(noOps.length ? { warning: noOps.join(' ') } : {}),
    };
  }

  function notPulledMessage(target: SyncTarget, ref: AwsSecretRef) {
    return `No ExternalSecret in namespace ${namespaceOf(target)} of cluster ${
      target.environment.kubernetes.name
    } has the remote key ${ref.name}, so nothing pulls it into the cluster.`;
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

    async readStatus(target): Promise<EnvironmentTopology> {
      const cluster = clusterOf(target);
      const namespaceName = namespaceOf(target);
      const awsRef = engine.awsSecretRef(target);
      const [awsRead, namespaceRead, externalSecretsRead, workloadsRead] =
        await Promise.all([
          settle(aws.read(awsRef)),
          settle(kubernetes.getNamespace(cluster, namespaceName)),
          settle(pulling(target, awsRef)),
          settle(kubernetes.listWorkloads(cluster, namespaceName)),
        ]);
      const snapshot = awsRead.value;
      const items = externalSecretsRead.value ?? [];
      const forceSyncAnnotation = contractOf(target).forceSyncAnnotation;
      const stamps = items
        .map(item =>
          forceSyncStampToDate(
            item.metadata.annotations?.[forceSyncAnnotation],
          ),
        )
        .filter((date): date is Date => date !== undefined);
      const lastForceSyncAt = stamps.length
        ? new Date(Math.max(...stamps.map(date => date.getTime())))
        : undefined;
      const derived = deriveExternalSecretStatus({
        now: now(),
        gracePeriodMs: pendingGracePeriodMs,
        aws: {
          error: awsRead.error
            ? toStatusReason(awsRead.error, 'aws')
            : undefined,
          exists: snapshot?.exists ?? false,
          lastChangedAt: snapshot?.lastChangedAt,
          deletionScheduledAt: snapshot?.deletionScheduledAt,
        },
        namespace: {
          error: namespaceRead.error
            ? toStatusReason(namespaceRead.error, 'kubernetes')
            : undefined,
          exists: namespaceRead.value !== undefined,
        },
        externalSecrets: {
          error:
            externalSecretsRead.error || workloadsRead.error
              ? toStatusReason(
                  externalSecretsRead.error ?? workloadsRead.error,
                  'kubernetes',
                )
              : undefined,
          items,
        },
        lastForceSyncAt,
      });
      const { primary } = derived;
      const secretName = primary ? targetSecretName(primary) : '';
      const secretRead = secretName
        ? await settle(kubernetes.getSecret(cluster, namespaceName, secretName))
        : {};
      const secret = secretRead.value;
      const updatedAt = secret?.updatedAt;
      const owned =
        secret?.metadata.ownerReferences?.some(
          owner =>
            owner.kind === 'ExternalSecret' &&
            owner.name === primary?.metadata.name,
        ) ?? false;
      return {
        environment: toEnvironmentModel(target.environment),
        status: derived.status,
        ...(derived.reason ? { reason: derived.reason } : {}),
        aws: toAwsSecretFacts(awsRef, snapshot),
        kubernetes: {
          cluster: cluster.name,
          namespace: namespaceName,
          namespaceExists: namespaceRead.value !== undefined,
          optedIn: items.length > 0,
          ...(lastForceSyncAt ? { lastForceSyncAt } : {}),
          secretName,
          ...(secret
            ? {
                secret: {
                  owned,
                  ...(secret.metadata.resourceVersion
                    ? { resourceVersion: secret.metadata.resourceVersion }
                    : {}),
                  ...(updatedAt ? { updatedAt } : {}),
                },
              }
            : {}),
        },
        keys: compareKeys(snapshot?.valueDigests, secret?.valueDigests),
        ...(primary ? { eso: esoFacts(primary) } : {}),
        consumers:
          workloadsRead.value && secretName
            ? findConsumers({
                workloads: workloadsRead.value,
                secretName,
                secretUpdatedAt: updatedAt,
              })
            : [],
      };
    },

    async afterWrite(target) {
      const ref = engine.awsSecretRef(target);
      try {
        const items = await pulling(target, ref, true);
        if (items.length === 0) {
          return {
            syncRequested: false,
            warning: `Written to AWS. ${notPulledMessage(target, ref)}`,
          };
        }
        const { warning } = await bumpAll(target, items);
        return { syncRequested: true, ...(warning ? { warning } : {}) };
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
      const namespace = await kubernetes.getNamespace(
        clusterOf(target),
        namespaceOf(target),
      );
      if (!namespace) {
        throw new NotFoundError(
          `Namespace ${namespaceOf(target)} does not exist in cluster ${
            target.environment.kubernetes.name
          }.`,
        );
      }
      const ref = engine.awsSecretRef(target);
      const items = await pulling(target, ref, true);
      if (items.length === 0) {
        throw new ConflictError(
          `${notPulledMessage(
            target,
            ref,
          )} Create an ExternalSecret for it first.`,
        );
      }
      return bumpAll(target, items);
    },

    async setEnabled(target) {
      throw new InputError(
        `Environment ${
          target.environment.name
        } uses the external-secret engine: sync is on while an ExternalSecret in namespace ${namespaceOf(
          target,
        )} has the remote key ${
          engine.awsSecretRef(target).name
        }. Create or delete that ExternalSecret in the cluster.`,
      );
    },
  };
  return engine;
}
