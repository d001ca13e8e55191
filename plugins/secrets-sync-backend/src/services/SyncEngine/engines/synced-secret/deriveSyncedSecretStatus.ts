import type {
  KeyStatus,
  StatusReason,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import { compareKeys, latest } from '../../statusHelpers';
import { SyncedSecret, keyMapping } from './syncedSecretFacts';

/** What was read for one environment of the `synced-secret` engine. */
export interface SyncedSecretStatusFacts {
  now: Date;
  gracePeriodMs: number;
  /** `POLL_INTERVAL_SEC` plus `SYNC_INTERVAL_SEC`: how long a change may take to arrive. */
  followWithinMs: number;
  aws: {
    error?: StatusReason;
    name: string;
    arn?: string;
    exists: boolean;
    versionId?: string;
    lastChangedAt?: Date;
    deletionScheduledAt?: Date;
    valueDigests?: Record<string, string>;
  };
  namespace: { error?: StatusReason; exists: boolean };
  /** The SyncedSecrets of the namespace taking the AWS secret, by name. */
  syncedSecrets: { error?: StatusReason; items: SyncedSecret[] };
  /** The Secret the first SyncedSecret writes (its own name), as digests. */
  secret: { error?: StatusReason; digests?: Record<string, string> };
}

/** The status, the keys compared, and when the Secret should have followed. */
export interface DerivedSyncedSecretStatus {
  status: SyncStatus;
  reason?: StatusReason;
  keys?: KeyStatus[];
  primary?: SyncedSecret;
  /** When the controller's next poll and resync will have carried the last change. */
  dueBy?: Date;
}

/** The first SyncedSecret by name: the one that speaks, and whose Secret is read. */
export function primarySyncedSecret(
  items: SyncedSecret[],
): SyncedSecret | undefined {
  return [...items].sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  )[0];
}

/**
 * AWS and the Secret key by key, through the SyncedSecret's mapping: under
 * `dataFrom` every key by its own name, under `data` each field by the AWS
 * key it names. Keys of the Secret that come from elsewhere are left out.
 */
export function mappedKeys(
  syncedSecret: SyncedSecret,
  aws: { name: string; arn?: string; valueDigests?: Record<string, string> },
  secret: Record<string, string> | undefined,
): KeyStatus[] {
  const { all, fields } = keyMapping(syncedSecret, aws);
  if (all) {
    return compareKeys(aws.valueDigests, secret);
  }
  return fields.map(({ awsKey, secretKey }) => {
    const inAws =
      aws.valueDigests !== undefined && Object.hasOwn(aws.valueDigests, awsKey);
    const inSecret = secret !== undefined && Object.hasOwn(secret, secretKey);
    return {
      name: secretKey,
      inAws,
      inSecret,
      inSync:
        inAws && inSecret && aws.valueDigests![awsKey] === secret[secretKey],
    };
  });
}

/**
 * The status of one environment of the `synced-secret` engine, as rows 26
 * to 33 of docs/status-model.md say. kube-secret-syncer has no conditions
 * and no force sync: it polls AWS every `POLL_INTERVAL_SEC` and rewrites
 * each Secret every `SYNC_INTERVAL_SEC`, so a change arrives within their
 * sum (`followWithinMs`).
 *
 * | # | facts                                                        | status              |
 * | - | ------------------------------------------------------------ | ------------------- |
 * | 1 | a read failed                                                | `error`             |
 * | 2 | no namespace                                                 | `namespace-missing` |
 * | 3 | no SyncedSecret takes the AWS secret                         | `not-enabled`       |
 * | 4 | AWS secret missing or scheduled for deletion                 | `upstream-missing`  |
 * | 5 | every mapped key matches, and `currentVersionID` is empty or the AWS version | `synced` |
 * | 6 | `currentVersionID` is the AWS version, a key differs         | `drifted` (edited in the cluster) |
 * | 7 | otherwise, before the last change (or the SyncedSecret's creation) plus `followWithinMs` plus the grace period | `pending` |
 * | 8 | otherwise                                                    | `drifted`           |
 *
 * Status never says `synced` while a compared key differs.
 */
export function deriveSyncedSecretStatus(
  facts: SyncedSecretStatusFacts,
): DerivedSyncedSecretStatus {
  const { aws, namespace, syncedSecrets, secret } = facts;
  const failure =
    aws.error ?? namespace.error ?? syncedSecrets.error ?? secret.error;
  if (failure) {
    return { status: 'error', reason: failure };
  }
  if (!namespace.exists) {
    return { status: 'namespace-missing' };
  }
  const primary = primarySyncedSecret(syncedSecrets.items);
  if (!primary) {
    return { status: 'not-enabled' };
  }
  if (!aws.exists || aws.deletionScheduledAt) {
    return { status: 'upstream-missing', primary };
  }
  const keys = mappedKeys(primary, aws, secret.digests);
  const keysMatch =
    secret.digests !== undefined &&
    keys.length > 0 &&
    keys.every(key => key.inSync);
  const currentVersion = primary.status?.currentVersionID || undefined;
  const versionMatches =
    currentVersion === undefined || currentVersion === aws.versionId;
  if (keysMatch && versionMatches) {
    return { status: 'synced', keys, primary };
  }
  if (currentVersion !== undefined && currentVersion === aws.versionId) {
    return { status: 'drifted', keys, primary };
  }
  const created = primary.metadata.creationTimestamp;
  const since = latest(
    aws.lastChangedAt,
    created ? new Date(created) : undefined,
  );
  const dueBy = since
    ? new Date(since.getTime() + facts.followWithinMs)
    : undefined;
  const withinGrace =
    dueBy === undefined ||
    facts.now.getTime() <= dueBy.getTime() + facts.gracePeriodMs;
  return {
    status: withinGrace ? 'pending' : 'drifted',
    keys,
    primary,
    ...(dueBy ? { dueBy } : {}),
  };
}
