import type { KubeConfig } from '@kubernetes/client-node';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { STSClient } from '@aws-sdk/client-sts';
import type { OperatorConfig } from './config/readOperatorConfig';
import type { Logger } from './logger';
import { createMetrics, OperatorMetrics } from './metrics/createMetrics';
import { createKubeGateway } from './kube/createKubeGateway';
import { createEventRecorder } from './kube/createEventRecorder';
import {
  createSecretsManagerClient,
  createSecretsManagerSource,
} from './upstream/createSecretsManagerSource';
import {
  CallerIdentity,
  createCallerIdentity,
  createStsClient,
} from './upstream/createCallerIdentity';
import { createReconciler } from './reconcile/createReconciler';
import {
  createDeletionGuard,
  DeletionPeer,
} from './reconcile/createDeletionGuard';
import { createController } from './controller/createController';
import { createLeaderElector } from './leader/createLeaderElector';
import { createHealthServer, HealthServer } from './server/createHealthServer';

/**
 * What the operator needs besides its configuration.
 *
 * @public
 */
export interface OperatorDependencies {
  config: OperatorConfig;
  kubeConfig: KubeConfig;
  logger: Logger;
  /** Defaults to a client from the standard AWS SDK chain and `config.aws`. */
  secretsManager?: Pick<SecretsManagerClient, 'send'>;
  /**
   * For `sts:GetCallerIdentity`; must act with the same credentials as
   * `secretsManager`. Defaults like it.
   */
  sts?: Pick<STSClient, 'send'>;
}

/**
 * A running operator.
 *
 * @public
 */
export interface Operator {
  metrics: OperatorMetrics;
  server: HealthServer;
  isLeader(): boolean;
  /** Stops reconciling, releases the Lease and closes watches and ports. */
  stop(): Promise<void>;
}

/**
 * Wires and starts the operator: probes and metrics first, then informers,
 * then leader election, which starts and stops reconciling.
 *
 * @public
 */
export async function createOperator(
  deps: OperatorDependencies,
): Promise<Operator> {
  const { config, kubeConfig, logger } = deps;
  const metrics = createMetrics();
  const leaderElection = config.leaderElection;
  const upstream = createSecretsManagerSource(
    deps.secretsManager ??
      createSecretsManagerClient({ ...config.aws, bounds: config.aws }),
    config.aws,
  );
  const identity = createCallerIdentity(
    deps.sts ?? createStsClient({ ...config.aws, bounds: config.aws }),
    config.aws,
  );
  const expectedAccountId = expectedAccount(config, identity, logger);
  // Late-bound: the controller, which holds the caches, needs the
  // reconciler first; nothing reconciles before it exists.
  const peers: { list(): DeletionPeer[] } = { list: () => [] };
  const reconciler = createReconciler({
    contract: config.contract,
    kube: createKubeGateway(kubeConfig),
    upstream,
    guard: createDeletionGuard({
      identity,
      expectedAccountId,
      upstream,
      peers: () => peers.list(),
    }),
    events: createEventRecorder({
      kubeConfig,
      logger,
      component: 'secrets-sync-operator',
      instance: leaderElection.identity,
    }),
    metrics,
    logger,
  });
  const controller = createController({
    kubeConfig,
    contract: config.contract,
    reconciler,
    resyncPeriodMs: config.resyncPeriodMs,
    concurrency: config.concurrency,
    backoff: config.backoff,
    metrics,
    logger,
  });
  peers.list = () => controller.managedPeers();

  let leading = false;
  let stopping = false;
  const elector = leaderElection.enabled
    ? createLeaderElector({
        kubeConfig,
        namespace: leaderElection.namespace,
        leaseName: leaderElection.leaseName,
        identity: leaderElection.identity,
        leaseDurationMs: leaderElection.leaseDurationMs,
        renewDeadlineMs: leaderElection.renewDeadlineMs,
        retryPeriodMs: leaderElection.retryPeriodMs,
        logger,
        onStartedLeading: () => {
          if (stopping) {
            return;
          }
          leading = true;
          metrics.isLeader.set(1);
          controller.startReconciling();
        },
        onStoppedLeading: () => {
          leading = false;
          metrics.isLeader.set(0);
          // Keep campaigning: once reconciles in flight have finished, this
          // replica is a standby like any other.
          void controller.stopReconciling();
        },
      })
    : undefined;

  const server = await createHealthServer({
    healthPort: config.healthPort,
    metricsPort: config.metricsPort,
    registry: metrics.registry,
    liveness: {
      ping: () => ({ ok: true, detail: 'ok' }),
    },
    readiness: {
      informers: () =>
        controller.isSynced()
          ? { ok: true, detail: 'listed and watching' }
          : { ok: false, detail: 'not listed yet, or re-establishing a watch' },
      ...(elector && {
        lease: () =>
          elector.isHealthy()
            ? { ok: true, detail: leading ? 'leader' : 'standby' }
            : { ok: false, detail: 'cannot read or write the Lease' },
      }),
    },
  });

  // Asked now, while the credentials are fresh: learns the account when none
  // is configured, and shows a wrong profile in the log before anything is
  // deleted. A failure only means the first deletion check asks again.
  void Promise.all([expectedAccountId(), identity.accountId()]).then(
    ([expected, actual]) =>
      (actual === expected ? logger.info : logger.warn)('AWS identity', {
        account: actual,
        expected,
      }),
    error =>
      logger.warn('could not ask STS for the AWS account at startup', {
        error: (error as Error).message,
      }),
  );
  await controller.start();
  if (elector) {
    elector.run();
  } else {
    leading = true;
    metrics.isLeader.set(1);
    controller.startReconciling();
  }
  logger.info('operator started', {
    identity: leaderElection.identity,
    leaderElection: leaderElection.enabled,
    healthPort: server.healthPort,
    metricsPort: server.metricsPort,
    resyncPeriodMs: config.resyncPeriodMs,
  });

  return {
    metrics,
    server,
    isLeader: () => leading,
    async stop() {
      stopping = true;
      // Reconciles finish before the Lease is released, so a successor never
      // writes alongside this replica.
      await controller.stopReconciling();
      await elector?.stop();
      leading = false;
      await controller.stop();
      await server.close();
    },
  };
}

/**
 * The account the operator must act in: `--aws-account-id`, else the one
 * `sts:GetCallerIdentity` names the first time it answers (asked at
 * startup, while the credentials are fresh).
 */
function expectedAccount(
  config: OperatorConfig,
  identity: CallerIdentity,
  logger: Logger,
): () => Promise<string> {
  const configured = config.aws.accountId;
  let learnt: Promise<string> | undefined;
  return () => {
    if (configured) {
      return Promise.resolve(configured);
    }
    learnt ??= identity.accountId().then(
      account => {
        logger.info('learnt the AWS account from STS', { account });
        return account;
      },
      error => {
        learnt = undefined;
        throw error;
      },
    );
    return learnt;
  };
}
