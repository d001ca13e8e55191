import {
  SYNC_STATUSES,
  type KeyStatus,
  type StatusReason,
  type SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import type { ExternalSecret } from '../../../Kubernetes';
import {
  deriveExternalSecretStatus,
  reasonCode,
} from '../external-secret/deriveExternalSecretStatus';
import type { PulledSecret } from '../external-secret/externalSecretFacts';
import { safeEventMessage } from '../external-secret/safeEventMessage';

/** What was read of one namespace the ClusterExternalSecret selects. */
export interface NamespaceStatusFacts {
  namespace: string;
  state: 'provisioned' | 'failed' | 'selected';
  /** ESO's reason for a failed namespace. */
  failure?: string;
  externalSecretName: string;
  externalSecret?: ExternalSecret;
  /** Why the namespace's ExternalSecret could not be read. */
  readError?: StatusReason;
  keys?: KeyStatus[];
}

/** One namespace's status and why. */
export interface NamespaceStatus {
  status: SyncStatus;
  reason?: StatusReason;
}

/**
 * The status of one selected namespace: a namespace ESO failed to provision
 * is `error` with ESO's reason; one it has not provisioned yet is
 * `pending`; a provisioned one is what its ExternalSecret says, judged as
 * the `external-secret` engine judges one (docs/status-model.md rows
 * 15–25), so synced only when its Secret's keys match AWS's.
 */
export function deriveNamespaceStatus(
  facts: NamespaceStatusFacts,
  context: {
    now: Date;
    gracePeriodMs: number;
    aws: Parameters<typeof deriveExternalSecretStatus>[0]['aws'];
    pulled: PulledSecret;
    lastForceSyncAt?: Date;
  },
): NamespaceStatus {
  if (facts.state === 'failed') {
    const cause = safeEventMessage(facts.failure ?? 'no reason given');
    return {
      status: 'error',
      reason: {
        code: reasonCode(cause),
        hop: 'eso',
        message: `ESO could not create ExternalSecret ${facts.externalSecretName} in namespace ${facts.namespace}: ${cause}`,
      },
    };
  }
  if (facts.readError) {
    return { status: 'error', reason: facts.readError };
  }
  if (facts.state === 'selected' || !facts.externalSecret) {
    return { status: 'pending' };
  }
  const { status, reason } = deriveExternalSecretStatus({
    now: context.now,
    gracePeriodMs: context.gracePeriodMs,
    aws: context.aws,
    namespace: { exists: true },
    externalSecrets: { items: [facts.externalSecret] },
    pulled: context.pulled,
    keys: facts.keys,
    lastForceSyncAt: context.lastForceSyncAt,
  });
  return {
    status: status === 'not-enabled' ? 'pending' : status,
    ...(reason ? { reason } : {}),
  };
}

/** How bad a status is: its place in {@link SYNC_STATUSES}, healthy first. */
function severity(status: SyncStatus): number {
  return SYNC_STATUSES.indexOf(status);
}

/**
 * The worst namespace, which speaks for the environment: the shared secret
 * is synced only when every selected namespace is.
 */
export function worstNamespace<T extends NamespaceStatus>(
  namespaces: T[],
): T | undefined {
  return [...namespaces].sort(
    (a, b) => severity(b.status) - severity(a.status),
  )[0];
}
