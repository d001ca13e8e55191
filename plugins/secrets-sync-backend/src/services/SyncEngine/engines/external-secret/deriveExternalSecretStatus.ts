import type {
  ErrorReason,
  StatusReason,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import type { ExternalSecret } from '../../../Kubernetes';
import { latest } from '../../statusHelpers';
import { readyCondition } from './externalSecretFacts';

/** What was read for one environment of the `external-secret` engine. */
export interface ExternalSecretStatusFacts {
  now: Date;
  gracePeriodMs: number;
  aws: {
    error?: StatusReason;
    exists: boolean;
    lastChangedAt?: Date;
    deletionScheduledAt?: Date;
  };
  namespace: { error?: StatusReason; exists: boolean };
  /** The ExternalSecrets of the namespace pulling the AWS secret. */
  externalSecrets: { error?: StatusReason; items: ExternalSecret[] };
  lastForceSyncAt?: Date;
}

/** A status, the reason of an `error`, and the ExternalSecret it came from. */
export interface DerivedExternalSecretStatus {
  status: SyncStatus;
  reason?: StatusReason;
  /** The ExternalSecret that decided the status, when one exists. */
  primary?: ExternalSecret;
}

/** ESO's condition messages carry the provider's error; sort them like ours. */
function reasonCode(message: string): ErrorReason {
  if (/AccessDenied|not authorized|Forbidden/i.test(message)) {
    return 'access-denied';
  }
  if (/Throttl|TooManyRequests|rate exceeded/i.test(message)) {
    return 'throttled';
  }
  if (/ResourceNotFound|not found|does not exist/i.test(message)) {
    return 'not-found';
  }
  return 'unknown';
}

/** Failing first, then not yet reconciled, then ready: the worst one speaks. */
function severity(externalSecret: ExternalSecret): number {
  const ready = readyCondition(externalSecret)?.status;
  if (ready === 'False') {
    return 0;
  }
  return ready === 'True' ? 2 : 1;
}

/** The ExternalSecret whose state speaks for the environment: the worst one. */
export function primaryExternalSecret(
  items: ExternalSecret[],
): ExternalSecret | undefined {
  return [...items].sort((a, b) => severity(a) - severity(b))[0];
}

/**
 * The status of one environment of the `external-secret` engine, from the
 * `Ready` condition ESO writes, as rows 15 to 22 of docs/status-model.md
 * say: a failed read is `error`; then
 * `namespace-missing`; no ExternalSecret pulling the AWS secret is
 * `not-enabled`; `Ready=False` is `error` with ESO's reason and message;
 * nothing in AWS is `upstream-missing`; `Ready=True` with a refresh after
 * the AWS secret last changed is `synced`; otherwise (not reconciled yet,
 * or refreshed before the change) `pending` within the grace period after
 * the change, the last force sync or the ExternalSecret's creation, and
 * `drifted` past it.
 */
export function deriveExternalSecretStatus(
  facts: ExternalSecretStatusFacts,
): DerivedExternalSecretStatus {
  const { aws, namespace, externalSecrets } = facts;
  const failure = aws.error ?? namespace.error ?? externalSecrets.error;
  if (failure) {
    return { status: 'error', reason: failure };
  }
  if (!namespace.exists) {
    return { status: 'namespace-missing' };
  }
  const primary = primaryExternalSecret(externalSecrets.items);
  if (!primary) {
    return { status: 'not-enabled' };
  }
  const ready = readyCondition(primary);
  if (ready?.status === 'False') {
    const detail = [ready.reason, ready.message].filter(Boolean).join(': ');
    return {
      status: 'error',
      primary,
      reason: {
        code: reasonCode(detail),
        hop: 'eso',
        message: `ExternalSecret ${primary.metadata.namespace}/${
          primary.metadata.name
        } is not ready: ${detail || 'no reason given'}`,
      },
    };
  }
  if (!aws.exists || aws.deletionScheduledAt) {
    return { status: 'upstream-missing', primary };
  }
  const refreshedAt = primary.status?.refreshTime
    ? new Date(primary.status.refreshTime)
    : undefined;
  // refreshTime is in whole seconds: a refresh in the second of the change counts
  const refreshedSinceChange =
    refreshedAt !== undefined &&
    (aws.lastChangedAt === undefined ||
      refreshedAt.getTime() >=
        Math.floor(aws.lastChangedAt.getTime() / 1000) * 1000);
  if (ready?.status === 'True' && refreshedSinceChange) {
    return { status: 'synced', primary };
  }
  const created = primary.metadata.creationTimestamp;
  const lastChange = latest(
    aws.lastChangedAt,
    facts.lastForceSyncAt,
    created ? new Date(created) : undefined,
  );
  const withinGrace =
    lastChange === undefined ||
    facts.now.getTime() - lastChange.getTime() <= facts.gracePeriodMs;
  return { status: withinGrace ? 'pending' : 'drifted', primary };
}
