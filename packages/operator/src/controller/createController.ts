import {
  CoreV1Api,
  KubeConfig,
  V1Namespace,
  V1Secret,
} from '@kubernetes/client-node';
import {
  isOwnedByOperator,
  NamespaceAnnotationContract,
} from '@internal/plugin-secrets-sync-common';
import type { Logger } from '../logger';
import type { OperatorMetrics } from '../metrics/createMetrics';
import type { Reconciler } from '../reconcile/createReconciler';
import type { DeletionPeer } from '../reconcile/createDeletionGuard';
import { namespaceIntent } from '../reconcile/contractFacts';
import { WorkQueue } from './WorkQueue';
import { createResilientInformer } from './createResilientInformer';
import { isOptedIn, namespaceSignature } from './namespaceSignature';

/**
 * Options of {@link createController}.
 *
 * @public
 */
export interface ControllerOptions {
  kubeConfig: KubeConfig;
  contract: NamespaceAnnotationContract;
  reconciler: Reconciler;
  resyncPeriodMs: number;
  concurrency: number;
  backoff: { baseMs: number; maxMs: number };
  metrics: OperatorMetrics;
  logger: Logger;
}

/**
 * Watches Namespaces and the contract's Secrets, and feeds namespace names
 * to the reconciler through a {@link WorkQueue}.
 *
 * @public
 */
export interface Controller {
  /** Starts the informers; every replica runs them, so a new leader starts warm. */
  start(): Promise<void>;
  /** Starts reconciling: called when this replica becomes the leader. */
  startReconciling(): void;
  /** Stops reconciling and waits for the reconciles in flight. */
  stopReconciling(): Promise<void>;
  stop(): Promise<void>;
  /** Both informers have listed and are watching. */
  isSynced(): boolean;
  /** Queues every namespace the operator manages or may have to clean up. */
  enqueueAll(): void;
  /**
   * Opted-in namespaces holding an owned Secret, from the informers' caches
   * (no API call): the namespaces whose AWS secret is known to have existed.
   */
  managedPeers(): DeletionPeer[];
}

/**
 * Creates the {@link Controller}.
 *
 * @public
 */
export function createController(options: ControllerOptions): Controller {
  const { contract, reconciler, metrics, logger, kubeConfig } = options;
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const signatures = new Map<string, string>();
  let resyncTimer: NodeJS.Timeout | undefined;

  const queue = new WorkQueue({
    concurrency: options.concurrency,
    backoffBaseMs: options.backoff.baseMs,
    backoffMaxMs: options.backoff.maxMs,
    handler: namespace => reconciler.reconcile(namespace),
    onRetry: (namespace, _error, delayMs) =>
      logger.debug('retrying', { namespace, retryInMs: delayMs }),
    onDepth: (waiting, active) => {
      metrics.queueDepth.set(waiting);
      metrics.reconcilesInFlight.set(active);
    },
  });
  const enqueue = (namespace: string | undefined) => {
    if (namespace) {
      queue.add(namespace);
    }
  };

  const fieldSelector = `metadata.name=${contract.secretName}`;
  const secrets = createResilientInformer<V1Secret>({
    kubeConfig,
    resource: 'secrets',
    path: '/api/v1/secrets',
    fieldSelector,
    list: () => core.listSecretForAllNamespaces({ fieldSelector }),
    onChange: secret => {
      if (!reconciler.isOwnWrite(secret)) {
        enqueue(secret.metadata?.namespace);
      }
    },
    onDelete: secret => enqueue(secret.metadata?.namespace),
    onRelist: items =>
      items.forEach(secret => enqueue(secret.metadata?.namespace)),
    onRestart: () => metrics.watchRestarts.inc({ resource: 'secrets' }),
    logger,
  });

  const namespaces = createResilientInformer<V1Namespace>({
    kubeConfig,
    resource: 'namespaces',
    path: '/api/v1/namespaces',
    list: () => core.listNamespace(),
    onChange: namespace => {
      const name = namespace.metadata?.name ?? '';
      const signature = namespaceSignature(contract, namespace);
      const previous = signatures.get(name);
      signatures.set(name, signature);
      if (previous === signature) {
        return;
      }
      if (previous !== undefined || isOptedIn(contract, namespace)) {
        enqueue(name);
      }
    },
    onDelete: namespace => {
      signatures.delete(namespace.metadata?.name ?? '');
    },
    onRelist: items =>
      items
        .filter(namespace => isOptedIn(contract, namespace))
        .forEach(namespace => enqueue(namespace.metadata?.name)),
    onRestart: () => metrics.watchRestarts.inc({ resource: 'namespaces' }),
    logger,
  });

  const enqueueAll = () => {
    namespaces
      .list()
      .filter(namespace => isOptedIn(contract, namespace))
      .forEach(namespace => enqueue(namespace.metadata?.name));
    secrets.list().forEach(secret => enqueue(secret.metadata?.namespace));
  };

  return {
    async start() {
      await Promise.all([namespaces.start(), secrets.start()]);
      resyncTimer = setInterval(() => {
        logger.debug('resync: queueing every managed namespace');
        enqueueAll();
      }, options.resyncPeriodMs);
    },
    startReconciling() {
      queue.start();
      enqueueAll();
    },
    stopReconciling: () => queue.stop(),
    async stop() {
      if (resyncTimer) {
        clearInterval(resyncTimer);
      }
      await queue.stop();
      await Promise.all([namespaces.stop(), secrets.stop()]);
    },
    isSynced: () => namespaces.isHealthy() && secrets.isHealthy(),
    enqueueAll,
    managedPeers() {
      const owned = new Set(
        secrets
          .list()
          .filter(secret =>
            isOwnedByOperator(contract, secret.metadata?.labels),
          )
          .map(secret => secret.metadata?.namespace),
      );
      return namespaces.list().flatMap(namespace => {
        const name = namespace.metadata?.name ?? '';
        const intent = namespaceIntent(contract, namespace);
        return owned.has(name) &&
          intent.optedIn &&
          !intent.terminating &&
          intent.awsKey
          ? [{ namespace: name, awsKey: intent.awsKey }]
          : [];
      });
    },
  };
}
