import {
  CoordinationV1Api,
  KubeConfig,
  V1Lease,
  V1MicroTime,
} from '@kubernetes/client-node';
import type { Logger } from '../logger';
import { describeKubeError, statusCodeOf } from '../kube/apiErrors';

/**
 * Options of {@link createLeaderElector}, with client-go's meanings.
 *
 * @public
 */
export interface LeaderElectorOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  leaseName: string;
  identity: string;
  /** A standby may take over once the Lease has not been renewed for this long. */
  leaseDurationMs: number;
  /** The leader gives up when it could not renew for this long. */
  renewDeadlineMs: number;
  /** Interval between acquire and renew attempts. */
  retryPeriodMs: number;
  onStartedLeading: () => void;
  /** Leadership lost: the caller must stop reconciling at once. */
  onStoppedLeading: () => void;
  logger: Logger;
}

/**
 * Leader election on a `coordination.k8s.io` Lease.
 *
 * @public
 */
export interface LeaderElector {
  run(): void;
  /** Stops campaigning; a leader releases the Lease so a standby takes over at once. */
  stop(): Promise<void>;
  isLeader(): boolean;
  /** True while the last attempt to read or write the Lease succeeded. */
  isHealthy(): boolean;
}

/**
 * Creates a {@link LeaderElector} following client-go's algorithm: expiry
 * is judged by when this replica last saw the Lease change (not by the
 * holder's clock), writes use the read resourceVersion so two candidates
 * cannot both win, and a leader that cannot renew within the deadline steps
 * down.
 *
 * @public
 */
export function createLeaderElector(
  options: LeaderElectorOptions,
): LeaderElector {
  const { namespace, leaseName: name, identity, logger } = options;
  const api = options.kubeConfig.makeApiClient(CoordinationV1Api);
  let leading = false;
  let healthy = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let lastRenewed = 0;
  let observed: { version: string; at: number } | undefined;

  const leaseSpec = (previous: V1Lease | undefined, now: Date) => {
    const takingOver = previous?.spec?.holderIdentity !== identity;
    return {
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(options.leaseDurationMs / 1000),
      acquireTime: takingOver
        ? new V1MicroTime(now.getTime())
        : asMicroTime(previous?.spec?.acquireTime) ??
          new V1MicroTime(now.getTime()),
      renewTime: new V1MicroTime(now.getTime()),
      leaseTransitions:
        (previous?.spec?.leaseTransitions ?? 0) +
        (takingOver && previous ? 1 : 0),
    };
  };

  async function tryAcquireOrRenew(): Promise<boolean> {
    const now = new Date();
    let lease: V1Lease | undefined;
    try {
      lease = await api.readNamespacedLease({ name, namespace });
    } catch (error) {
      if (statusCodeOf(error) !== 404) {
        throw error;
      }
    }
    if (!lease) {
      await api.createNamespacedLease({
        namespace,
        body: {
          metadata: { name, namespace },
          spec: leaseSpec(undefined, now),
        },
      });
      return true;
    }
    const version = lease.metadata?.resourceVersion ?? '';
    if (!observed || observed.version !== version) {
      observed = { version, at: now.getTime() };
    }
    const holder = lease.spec?.holderIdentity;
    const durationMs = (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
    const heldByOther =
      holder !== undefined && holder !== '' && holder !== identity;
    // Expiry is judged from when this replica saw the Lease change, immune
    // to clock skew; a renewTime older than twice the duration by this
    // replica's clock also counts, so a restart after a crash need not wait.
    const renewedAt = lease.spec?.renewTime
      ? new Date(lease.spec.renewTime).getTime()
      : 0;
    const expired =
      observed.at + durationMs <= now.getTime() ||
      renewedAt + 2 * durationMs <= now.getTime();
    if (heldByOther && !expired) {
      return false;
    }
    await api.replaceNamespacedLease({
      name,
      namespace,
      body: { ...lease, spec: leaseSpec(lease, now) },
    });
    return true;
  }

  async function step(): Promise<void> {
    let acquired = false;
    try {
      acquired = await tryAcquireOrRenew();
      healthy = true;
    } catch (error) {
      healthy = statusCodeOf(error) === 409;
      logger.debug('lease attempt failed', { error: describeKubeError(error) });
    }
    if (stopped) {
      return;
    }
    const now = Date.now();
    if (acquired) {
      lastRenewed = now;
      if (!leading) {
        leading = true;
        logger.info('became leader', {
          lease: `${namespace}/${name}`,
          identity,
        });
        options.onStartedLeading();
      }
    } else if (leading && now - lastRenewed >= options.renewDeadlineMs) {
      leading = false;
      logger.warn('lost leadership: could not renew the lease in time', {
        lease: `${namespace}/${name}`,
        identity,
      });
      options.onStoppedLeading();
    } else if (leading && !acquired && healthy) {
      // Someone else holds a valid Lease: another replica won, so stop now.
      leading = false;
      logger.warn('lost leadership to another replica', { identity });
      options.onStoppedLeading();
    }
  }

  function schedule(): void {
    if (stopped) {
      return;
    }
    timer = setTimeout(() => {
      inFlight = step();
      void inFlight.then(schedule);
    }, options.retryPeriodMs);
  }

  return {
    run() {
      inFlight = step();
      void inFlight.then(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) {
        clearTimeout(timer);
      }
      await inFlight;
      if (!leading) {
        return;
      }
      leading = false;
      try {
        const lease = await api.readNamespacedLease({ name, namespace });
        if (lease.spec?.holderIdentity === identity) {
          await api.replaceNamespacedLease({
            name,
            namespace,
            body: {
              ...lease,
              spec: {
                ...lease.spec,
                holderIdentity: '',
                leaseDurationSeconds: 1,
                renewTime: new V1MicroTime(Date.now()),
                acquireTime: asMicroTime(lease.spec.acquireTime),
              },
            },
          });
          logger.info('released the lease', { identity });
        }
      } catch (error) {
        logger.warn('could not release the lease', {
          error: describeKubeError(error),
        });
      }
    },
    isLeader: () => leading,
    isHealthy: () => healthy,
  };
}

/**
 * client-node reads MicroTime fields back as strings or Dates; writing them
 * needs V1MicroTime, whose JSON has the microsecond precision the API server
 * requires.
 */
function asMicroTime(
  value: Date | string | undefined,
): V1MicroTime | undefined {
  return value === undefined
    ? undefined
    : new V1MicroTime(new Date(value).getTime());
}
