import type {
  StatusReason,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import { compareKeys, latest } from '../../statusHelpers';
import { PushSecret, readyCondition, storeStates } from './pushSecretFacts';

/** What was read for one environment of the `push-secret` engine. */
export interface PushSecretStatusFacts {
  now: Date;
  gracePeriodMs: number;
  aws: {
    error?: StatusReason;
    name: string;
    exists: boolean;
    valueDigests?: Record<string, string>;
  };
  namespace: { error?: StatusReason; exists: boolean };
  /** The source Secret in the management namespace, as digests. */
  source: {
    error?: StatusReason;
    exists: boolean;
    updatedAt?: Date;
    digests?: Record<string, string>;
  };
  /** The PushSecrets selecting the source Secret and pushing to the AWS secret. */
  pushSecrets: { error?: StatusReason; items: PushSecret[] };
  lastForceSyncAt?: Date;
}

/** A status and the reason of an `error`. */
export interface DerivedPushSecretStatus {
  status: SyncStatus;
  reason?: StatusReason;
}

function refreshedAt(pushSecret: PushSecret): Date | undefined {
  const time = pushSecret.status?.refreshTime;
  return time ? new Date(time) : undefined;
}

/**
 * The status of one environment of the `push-secret` engine, as rows 34 to
 * 41 of docs/status-model.md say. Values flow from the source Secret to
 * AWS, so "upstream" is the Secret.
 *
 * | # | facts                                                     | status              |
 * | - | --------------------------------------------------------- | ------------------- |
 * | 1 | a read failed                                             | `error`             |
 * | 2 | no management namespace                                   | `namespace-missing` |
 * | 3 | no PushSecret selects the source Secret and pushes to the AWS secret | `not-enabled` |
 * | 4 | no source Secret                                          | `upstream-missing`  |
 * | 5 | a PushSecret is `Ready=False`                             | `error`, naming the stores that failed |
 * | 6 | every PushSecret `Ready=True`, pushed after the Secret last changed, and AWS holds the Secret's keys | `synced` |
 * | 7 | otherwise, within the grace period after the Secret's change or the last force sync | `pending` |
 * | 8 | otherwise                                                 | `drifted`           |
 */
export function derivePushSecretStatus(
  facts: PushSecretStatusFacts,
): DerivedPushSecretStatus {
  const { aws, namespace, source, pushSecrets } = facts;
  const failure =
    namespace.error ?? pushSecrets.error ?? source.error ?? aws.error;
  if (failure) {
    return { status: 'error', reason: failure };
  }
  if (!namespace.exists) {
    return { status: 'namespace-missing' };
  }
  if (pushSecrets.items.length === 0) {
    return { status: 'not-enabled' };
  }
  if (!source.exists) {
    return { status: 'upstream-missing' };
  }
  const failing = pushSecrets.items.filter(
    item => readyCondition(item)?.status === 'False',
  );
  if (failing.length) {
    const detail = failing
      .map(item => {
        const stores = storeStates(item, aws.name)
          .filter(store => store.error)
          .map(store => `${store.kind} ${store.name}`);
        const ready = readyCondition(item);
        return `PushSecret ${item.metadata.name}${
          stores.length ? ` (store ${stores.join(', ')})` : ''
        }: ${ready?.message || ready?.reason || 'not ready'}`;
      })
      .join('; ');
    return {
      status: 'error',
      reason: {
        code: /AccessDenied|not authorized|Forbidden/i.test(detail)
          ? 'access-denied'
          : 'unknown',
        hop: 'eso',
        message: detail,
      },
    };
  }
  // refreshTime is in whole seconds: a push in the second of the change counts
  const changedAt = source.updatedAt
    ? Math.floor(source.updatedAt.getTime() / 1000) * 1000
    : 0;
  const allPushed = pushSecrets.items.every(
    item =>
      readyCondition(item)?.status === 'True' &&
      (refreshedAt(item)?.getTime() ?? -1) >= changedAt,
  );
  const keys = compareKeys(aws.valueDigests, source.digests);
  const awsMatches =
    aws.exists && keys.length > 0 && keys.every(key => key.inSync);
  if (allPushed && awsMatches) {
    return { status: 'synced' };
  }
  const since = latest(source.updatedAt, facts.lastForceSyncAt);
  const withinGrace =
    since === undefined ||
    facts.now.getTime() - since.getTime() <= facts.gracePeriodMs;
  return { status: withinGrace ? 'pending' : 'drifted' };
}
