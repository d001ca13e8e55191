import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

/**
 * The operator's Prometheus metrics, on a registry of their own. Labels are
 * namespaces, actions and error kinds, never values.
 *
 * @public
 */
export interface OperatorMetrics {
  registry: Registry;
  /** Reconciles by the action taken (`create`, `update`, `delete`, `noop`) and result. */
  reconciles: Counter<'action' | 'result'>;
  /** Failed reconciles by error kind. */
  reconcileErrors: Counter<'kind'>;
  /** Unix time of the last successful reconcile per namespace. */
  lastSuccessfulSync: Gauge<'namespace'>;
  reconcileDuration: Histogram<'action'>;
  /** 1 while this replica holds the Lease. */
  isLeader: Gauge;
  /** Namespaces waiting for a worker. */
  queueDepth: Gauge;
  /**
   * Namespaces being reconciled now. With {@link OperatorMetrics.queueDepth}
   * at 0 too, every reconcile started so far has been counted.
   */
  reconcilesInFlight: Gauge;
  /** Watch restarts after an error, by resource. */
  watchRestarts: Counter<'resource'>;
}

/**
 * Creates the metrics, with Node's process metrics alongside.
 *
 * @public
 */
export function createMetrics(): OperatorMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const prefix = 'secrets_sync_operator_';
  return {
    registry,
    reconciles: new Counter({
      name: `${prefix}reconciles_total`,
      help: 'Reconciles by action and result',
      labelNames: ['action', 'result'],
      registers: [registry],
    }),
    reconcileErrors: new Counter({
      name: `${prefix}reconcile_errors_total`,
      help: 'Failed reconciles by error kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    lastSuccessfulSync: new Gauge({
      name: `${prefix}last_successful_sync_timestamp_seconds`,
      help: 'Unix time of the last successful reconcile of a namespace',
      labelNames: ['namespace'],
      registers: [registry],
    }),
    reconcileDuration: new Histogram({
      name: `${prefix}reconcile_duration_seconds`,
      help: 'Duration of a reconcile, including the AWS read',
      labelNames: ['action'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    isLeader: new Gauge({
      name: `${prefix}is_leader`,
      help: '1 while this replica holds the leader Lease',
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: `${prefix}queue_depth`,
      help: 'Namespaces waiting to be reconciled',
      registers: [registry],
    }),
    reconcilesInFlight: new Gauge({
      name: `${prefix}reconciles_in_flight`,
      help: 'Namespaces being reconciled now',
      registers: [registry],
    }),
    watchRestarts: new Counter({
      name: `${prefix}watch_restarts_total`,
      help: 'Watches re-established after an error',
      labelNames: ['resource'],
      registers: [registry],
    }),
  };
}
