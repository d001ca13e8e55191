import type { V1Secret } from '@kubernetes/client-node';
import {
  type NamespaceAnnotationContract,
  SECRETS_SYNC_AWS_VERSION_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';
import type { KubeGateway } from '../kube/createKubeGateway';
import type { EventRecorder } from '../kube/createEventRecorder';
import type { Logger } from '../logger';
import type { OperatorMetrics } from '../metrics/createMetrics';
import { UpstreamReadError, UpstreamSource } from '../upstream/types';
import { localFact, namespaceIntent } from './contractFacts';
import { decideAction, ReconcileAction, ReconcileFacts } from './decideAction';
import { KubeApiError } from '../kube/apiErrors';
import { DeletionGuard, DeletionRefusedError } from './createDeletionGuard';

/**
 * Reconciles one namespace at a time against the contract.
 *
 * @public
 */
export interface Reconciler {
  /**
   * Brings the namespace's Secret in line with its annotation and AWS.
   * Idempotent; rejects on a failure worth retrying.
   */
  reconcile(namespace: string): Promise<void>;
  /** True for the Secret version this reconciler itself last wrote. */
  isOwnWrite(secret: V1Secret): boolean;
}

/**
 * Creates the {@link Reconciler}. It reads the namespace and the Secret live
 * from the API server and the document from AWS (only for an opted-in
 * namespace), lets {@link decideAction} choose, and applies the one action
 * with preconditions. Before deleting an owned Secret because its AWS
 * secret reads as missing it asks the {@link DeletionGuard}, since "missing"
 * is also what a wrong or emptied account answers.
 *
 * @public
 */
export function createReconciler(options: {
  contract: NamespaceAnnotationContract;
  kube: KubeGateway;
  upstream: UpstreamSource;
  guard: DeletionGuard;
  events: EventRecorder;
  metrics: OperatorMetrics;
  logger: Logger;
}): Reconciler {
  const { contract, kube, upstream, guard, events, metrics, logger } = options;
  const written = new Map<string, string>();
  const ownerLabelText = Object.entries(contract.ownerLabels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');

  async function apply(
    namespace: string,
    action: ReconcileAction,
    secret: V1Secret | undefined,
  ): Promise<void> {
    if (action.type === 'create') {
      const created = await kube.createSecret({
        namespace,
        name: contract.secretName,
        labels: { ...contract.ownerLabels },
        annotations: stampOf(action),
        data: action.data,
      });
      written.set(namespace, created.metadata?.resourceVersion ?? '');
    } else if (action.type === 'update' && secret) {
      const updated = await kube.replaceSecretData(
        secret,
        action.data,
        stampOf(action),
      );
      written.set(namespace, updated.metadata?.resourceVersion ?? '');
    } else if (action.type === 'delete' && secret) {
      await kube.deleteSecret(secret);
      written.delete(namespace);
    }
  }

  function describe(
    action: ReconcileAction,
    facts: ReconcileFacts,
    awsKey?: string,
  ) {
    switch (action.type) {
      case 'create':
        return `Created Secret ${
          contract.secretName
        } from AWS secret ${awsKey} (${Object.keys(action.data).length} keys)`;
      case 'update':
        return `Updated Secret ${
          contract.secretName
        } from AWS secret ${awsKey} (${Object.keys(action.data).length} keys)`;
      case 'delete':
        return facts.optedIn
          ? `Deleted Secret ${contract.secretName}: AWS secret ${awsKey} no longer exists`
          : `Deleted Secret ${contract.secretName}: the namespace no longer opts in (${contract.optInAnnotation})`;
      default:
        return undefined;
    }
  }

  async function reconcileOnce(
    namespace: string,
  ): Promise<ReconcileAction['type']> {
    const ns = await kube.readNamespace(namespace);
    if (!ns) {
      metrics.lastSuccessfulSync.remove({ namespace });
      written.delete(namespace);
      return 'noop';
    }
    const intent = namespaceIntent(contract, ns);
    if (intent.misnamed) {
      await events.record({
        namespace,
        type: 'Warning',
        reason: 'NamespaceNameMismatch',
        message: `${contract.optInAnnotation} is set, but the name does not follow ${contract.namespaceTemplate}: nothing to sync`,
      });
    }
    if (intent.terminating) {
      logger.debug('namespace is terminating, nothing to do', { namespace });
      return 'noop';
    }
    const secret = await kube.readSecret(namespace, contract.secretName);
    const local = localFact(contract, secret);
    const facts: ReconcileFacts = intent.optedIn
      ? { optedIn: true, upstream: await upstream.read(intent.awsKey!), local }
      : { optedIn: false, local };
    const action = decideAction(facts);

    if (action.type === 'noop' && action.reason === 'unowned') {
      if (!intent.optedIn) {
        logger.debug('leaving an unowned Secret alone', { namespace });
        return 'noop';
      }
      logger.warn('skipping unowned Secret', {
        namespace,
        secret: contract.secretName,
      });
      await events.record({
        namespace,
        type: 'Warning',
        reason: 'SecretNotOwned',
        message: `Secret ${contract.secretName} exists without the labels ${ownerLabelText}; the operator will not adopt, update or delete it. Delete it to let the operator create its own from AWS secret ${intent.awsKey}`,
      });
      return 'noop';
    }

    if (
      action.type === 'delete' &&
      facts.optedIn &&
      facts.upstream.state === 'missing'
    ) {
      await guard.checkMissing(namespace, intent.awsKey!);
    }
    await apply(namespace, action, secret);
    const message = describe(action, facts, intent.awsKey);
    if (message) {
      logger.info(message, { namespace, action: action.type });
      await events.record({
        namespace,
        type: 'Normal',
        reason: `Secret${action.type[0].toUpperCase()}${action.type.slice(1)}d`,
        message,
      });
    } else {
      logger.debug('nothing to do', {
        namespace,
        reason: action.type === 'noop' ? action.reason : undefined,
      });
    }
    return action.type;
  }

  return {
    async reconcile(namespace) {
      const stopTimer = metrics.reconcileDuration.startTimer();
      try {
        const actionType = await reconcileOnce(namespace);
        stopTimer({ action: actionType });
        metrics.reconciles.inc({ action: actionType, result: 'success' });
        metrics.lastSuccessfulSync.set({ namespace }, Date.now() / 1000);
      } catch (error) {
        stopTimer({ action: 'error' });
        const kind = errorKind(error);
        metrics.reconciles.inc({ action: 'error', result: 'failure' });
        metrics.reconcileErrors.inc({ kind });
        const message = error instanceof Error ? error.message : String(error);
        logger.error('reconcile failed', { namespace, kind, error: message });
        if (error instanceof UpstreamReadError) {
          await events.record({
            namespace,
            type: 'Warning',
            reason: 'UpstreamReadFailed',
            message,
          });
        } else if (error instanceof DeletionRefusedError) {
          await events.record({
            namespace,
            type: 'Warning',
            reason: 'SecretDeletionRefused',
            message,
          });
        }
        throw error;
      }
    },
    isOwnWrite(secret) {
      const namespace = secret.metadata?.namespace ?? '';
      const version = written.get(namespace);
      return (
        version !== undefined && version === secret.metadata?.resourceVersion
      );
    },
  };
}

/** The version stamp a write puts on the Secret, when AWS named the version. */
function stampOf(action: { versionId?: string }) {
  return action.versionId
    ? { [SECRETS_SYNC_AWS_VERSION_ANNOTATION]: action.versionId }
    : undefined;
}

function errorKind(error: unknown): string {
  if (
    error instanceof UpstreamReadError ||
    error instanceof DeletionRefusedError
  ) {
    return error.kind;
  }
  if (error instanceof KubeApiError) {
    return `kube-${error.statusCode ?? 'unreachable'}`;
  }
  return 'internal';
}
