import type {
  KeyStatus,
  StatusReason,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import { compareKeys, latest } from '../../statusHelpers';

/**
 * What was read from AWS Secrets Manager and the cluster for one
 * environment. `values` are compared for equality only: the engines pass
 * keyed digests of the values, so no value is held to derive a status.
 * Only key names and flags leave.
 */
export interface StatusFacts {
  now: Date;
  /** How long after a write or force sync a mismatch is still `pending`. */
  gracePeriodMs: number;
  aws: {
    /** Set when AWS could not be read. */
    error?: StatusReason;
    exists: boolean;
    lastChangedAt?: Date;
    deletionScheduledAt?: Date;
    /** The current document; undefined when there is none or it is unreadable. */
    values?: Record<string, string>;
    /** The current document is not a JSON object of strings. */
    invalidDocument?: boolean;
  };
  namespace: {
    error?: StatusReason;
    exists: boolean;
    optedIn: boolean;
    lastForceSyncAt?: Date;
  };
  secret: {
    error?: StatusReason;
    exists: boolean;
    owned: boolean;
    updatedAt?: Date;
    /** Decoded data of the Secret. */
    values?: Record<string, string>;
  };
  /** The workloads consuming the Secret; only whether they could be read counts. */
  consumers?: { error?: StatusReason };
}

/** A status with the reason behind an `error` and the per-key comparison. */
export interface DerivedStatus {
  status: SyncStatus;
  reason?: StatusReason;
  keys: KeyStatus[];
}

/**
 * The status of one environment, exactly as rows 5 to 13 of
 * docs/status-model.md say, checked in their order: a failed read is
 * `error`; then `namespace-missing`; a Secret without the owner labels is
 * `unowned` (the operator will not touch it, whatever else holds); a
 * namespace that has not opted in is `not-enabled`; opted in with nothing
 * in AWS is `upstream-missing`; an owned Secret matching AWS key for key
 * is `synced`; otherwise the mismatch is `pending` within the grace period
 * after the last AWS change or force sync, and `drifted` past it or when
 * the Secret changed after that last change (edited in the cluster). Row
 * 14 (a stopped operator) is the engine's, which reads the Lease.
 */
export function deriveStatus(facts: StatusFacts): DerivedStatus {
  const { aws, namespace, secret } = facts;
  const keys = compareKeys(
    aws.values,
    secret.exists ? secret.values : undefined,
    { aws: aws.error !== undefined, secret: secret.error !== undefined },
  );
  const failure =
    aws.error ?? namespace.error ?? secret.error ?? facts.consumers?.error;
  if (failure) {
    return { status: 'error', reason: failure, keys };
  }
  if (aws.invalidDocument) {
    return {
      status: 'error',
      reason: {
        code: 'invalid',
        hop: 'aws',
        message:
          'The AWS secret does not hold a JSON object of string values; the operator cannot use it.',
      },
      keys,
    };
  }
  if (!namespace.exists) {
    return { status: 'namespace-missing', keys };
  }
  if (secret.exists && !secret.owned) {
    return { status: 'unowned', keys };
  }
  if (!namespace.optedIn) {
    return { status: 'not-enabled', keys };
  }
  if (!aws.exists || aws.deletionScheduledAt || !aws.values) {
    return { status: 'upstream-missing', keys };
  }
  if (secret.exists && keys.every(key => key.inSync)) {
    return { status: 'synced', keys };
  }
  const lastChange = latest(aws.lastChangedAt, namespace.lastForceSyncAt);
  const editedInCluster =
    lastChange !== undefined &&
    secret.updatedAt !== undefined &&
    secret.updatedAt.getTime() > lastChange.getTime();
  const withinGrace =
    lastChange !== undefined &&
    facts.now.getTime() - lastChange.getTime() <= facts.gracePeriodMs;
  return {
    status: withinGrace && !editedInCluster ? 'pending' : 'drifted',
    reason: mismatchReason(secret.exists, editedInCluster),
    keys,
  };
}

/** Why the Secret does not reflect AWS, when the facts tell. */
function mismatchReason(
  secretExists: boolean,
  editedInCluster: boolean,
): StatusReason | undefined {
  if (!secretExists) {
    return {
      code: 'not-found',
      hop: 'kubernetes',
      message:
        'The Kubernetes Secret has not been created yet: the operator has not acted on this namespace. If this lasts, check that the operator runs in this cluster.',
    };
  }
  if (editedInCluster) {
    return {
      code: 'conflict',
      hop: 'kubernetes',
      message:
        'The Secret was changed in the cluster after the last change in AWS; a force sync restores what AWS holds.',
    };
  }
  return undefined;
}
