import type {
  ErrorReason,
  KeyStatus,
  StatusReason,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import type { ExternalSecret } from '../../../Kubernetes';
import { latest } from '../../statusHelpers';
import {
  PulledSecret,
  forceSyncNoOpReason,
  pinnedVersions,
  readyCondition,
} from './externalSecretFacts';
import type { StoreFacts } from './storeFacts';

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
  /** The AWS secret they pull, to tell which of their reads are of it. */
  pulled: PulledSecret;
  /** The stores those ExternalSecrets name, as far as they were read. */
  stores?: StoreFacts[];
  /** ESO's newest Warning Event about the ExternalSecret that speaks, if read. */
  primaryEvent?: string;
  /** The keys of the Secret against AWS, as the ExternalSecret maps them. */
  keys?: KeyStatus[];
  lastForceSyncAt?: Date;
}

/** A status, the reason of an `error`, and the ExternalSecret it came from. */
export interface DerivedExternalSecretStatus {
  status: SyncStatus;
  reason?: StatusReason;
  /** The ExternalSecret that decided the status, when one exists. */
  primary?: ExternalSecret;
}

/** ESO's messages (its Events', its stores') carry the provider's error; sort them like ours. */
export function reasonCode(message: string): ErrorReason {
  if (
    /AccessDenied|not authorized|Forbidden|InvalidClientTokenId/i.test(message)
  ) {
    return 'access-denied';
  }
  if (/Throttl|TooManyRequests|rate exceeded/i.test(message)) {
    return 'throttled';
  }
  if (/ResourceNotFound|not found|does not exist|cannot find/i.test(message)) {
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

function nameOf(externalSecret: ExternalSecret): string {
  return `ExternalSecret ${externalSecret.metadata.namespace}/${externalSecret.metadata.name}`;
}

/**
 * The status of one environment of the `external-secret` engine, as rows
 * 15 to 25 of docs/status-model.md say: a failed read is `error`; then
 * `namespace-missing`; no ExternalSecret pulling the AWS secret is
 * `not-enabled`; a store they name that is `Ready=False` is `error` at
 * once (ESO marks the ExternalSecret only at its next reconcile); a
 * `Ready=False` ExternalSecret is `upstream-missing` when the AWS secret
 * does not exist, else `error` with the cause ESO put in its Event; nothing
 * in AWS is `upstream-missing`; `Ready=True`, refreshed after the AWS
 * secret last changed and every key in sync is `synced` (never while a key
 * differs); a mismatch ESO will not repair (it will not refresh, or pins a
 * version) is `drifted` at once; otherwise `pending` within the grace
 * period after the change, the last force sync or the ExternalSecret's
 * creation, and `drifted` past it.
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
  const brokenStore = facts.stores?.find(store => store.ready === 'False');
  if (brokenStore) {
    const detail = [brokenStore.reason, brokenStore.message, brokenStore.event]
      .filter(Boolean)
      .join(': ');
    return {
      status: 'error',
      primary,
      reason: {
        code: reasonCode(detail),
        hop: 'eso',
        message: `${brokenStore.kind} ${
          brokenStore.name
        } is not ready, so ESO cannot refresh ${nameOf(primary)}: ${
          detail || 'no reason given'
        }`,
      },
    };
  }
  const awsMissing = !aws.exists || aws.deletionScheduledAt !== undefined;
  const ready = readyCondition(primary);
  if (ready?.status === 'False') {
    if (awsMissing) {
      return { status: 'upstream-missing', primary };
    }
    // the condition says only that it failed; the Event says why
    const detail =
      facts.primaryEvent ??
      [ready.reason, ready.message].filter(Boolean).join(': ');
    return {
      status: 'error',
      primary,
      reason: {
        code: reasonCode(detail),
        hop: 'eso',
        message: `${nameOf(primary)} is not ready: ${
          detail || 'no reason given'
        }`,
      },
    };
  }
  if (awsMissing) {
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
  const keys = facts.keys ?? [];
  const keysInSync = keys.every(key => key.inSync);
  // equal digests are the Secret holding what AWS holds, whenever ESO refreshed
  if (
    ready?.status === 'True' &&
    keysInSync &&
    (refreshedSinceChange || keys.length > 0)
  ) {
    return { status: 'synced', primary };
  }
  // ESO will not bring the Secret to AWS by itself: no use waiting
  const neverRepaired =
    ready?.status === 'True' &&
    (forceSyncNoOpReason(primary) !== undefined ||
      pinnedVersions(primary, facts.pulled).length > 0);
  if (neverRepaired) {
    return { status: 'drifted', primary };
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
