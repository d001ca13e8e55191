import type { V1Lease } from '@kubernetes/client-node';
import type { StatusReason } from '@internal/plugin-secrets-sync-common';
import type { OperatorLeaseConfig } from './contractSchema';

/** What was read of the operator's leader-election Lease in one cluster. */
export interface OperatorFacts {
  cluster: string;
  lease: OperatorLeaseConfig;
  /** undefined: no such Lease; the read failed: `error`. */
  read: { value?: V1Lease; error?: unknown };
}

/**
 * Why the operator is taken for stopped, or undefined while it holds its
 * Lease. A Lease counts as lapsed twice its duration after its last
 * renewal, the rule the operator itself uses for a crashed leader, which
 * also absorbs clock skew between the API server and this backend. A Lease
 * that cannot be read says nothing either way.
 */
export function operatorStoppedReason(
  facts: OperatorFacts,
  now: Date,
): StatusReason | undefined {
  const { cluster, lease, read } = facts;
  if (read.error) {
    return undefined;
  }
  const where = `Lease ${lease.namespace}/${lease.name} in cluster ${cluster}`;
  const advice =
    'Start or restart the operator there (check its Deployment and logs); it creates and updates the Secret once it runs.';
  const spec = read.value?.spec;
  if (!read.value) {
    return {
      code: 'operator-not-running',
      hop: 'operator',
      message: `The operator's ${where} does not exist: no operator has run with leader election in this cluster. ${advice}`,
    };
  }
  const renewedAt = spec?.renewTime ? new Date(spec.renewTime) : undefined;
  const durationMs = (spec?.leaseDurationSeconds ?? 0) * 1000;
  if (renewedAt && renewedAt.getTime() + 2 * durationMs > now.getTime()) {
    return undefined;
  }
  const holder = spec?.holderIdentity
    ? `by ${spec.holderIdentity}`
    : 'and then released (a clean shutdown)';
  return {
    code: 'operator-not-running',
    hop: 'operator',
    message: `The operator is not running: its ${where} was last renewed ${
      renewedAt ? `at ${renewedAt.toISOString()}` : 'never'
    } ${holder}. ${advice}`,
  };
}
