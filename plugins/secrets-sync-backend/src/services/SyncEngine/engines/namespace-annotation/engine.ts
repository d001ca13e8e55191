import type { V1Namespace } from '@kubernetes/client-node';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  forceSyncStampToDate,
  isNamespaceOptedIn,
  isOwnedByOperator,
} from '@internal/plugin-secrets-sync-common';
import { bumpForceSync } from '../../bumpForceSync';
import {
  awsNamePrefixOf,
  clusterOf,
  namespaceOf,
  settle,
} from '../../readHelpers';
import { readSharedFacts } from '../../readSharedFacts';
import { readFailure, syncRequestFailed } from '../../statusHelpers';
import type {
  EngineDefinition,
  EngineDeps,
  EngineFacts,
  SyncTarget,
} from '../../types';
import {
  NamespaceAnnotationEngineContract,
  namespaceAnnotationContractSchema,
} from './contractSchema';
import { deriveStatus } from './deriveStatus';
import { OperatorFacts, operatorStoppedReason } from './operatorLiveness';

type Contract = NamespaceAnnotationEngineContract;

/** What the engine reads: the shared hops, and the operator's Lease when configured. */
export interface NamespaceAnnotationFacts extends EngineFacts {
  operator?: OperatorFacts;
}

function optedIn(contract: Contract, namespace: V1Namespace | undefined) {
  return isNamespaceOptedIn(contract, namespace?.metadata);
}

async function requireNamespace(
  target: SyncTarget,
  deps: EngineDeps,
): Promise<V1Namespace> {
  const name = namespaceOf(target);
  const namespace = await deps.kubernetes.getNamespace(clusterOf(target), name);
  if (!namespace) {
    throw new NotFoundError(
      `Namespace ${name} does not exist in cluster ${target.environment.kubernetes.name}; it is created when ${target.tenantKey} is deployed to ${target.environment.name}.`,
    );
  }
  return namespace;
}

/** Bumps the namespace's sync annotation; see {@link bumpForceSync}. */
async function bumpSync(
  target: SyncTarget,
  contract: Contract,
  namespace: V1Namespace,
  deps: EngineDeps,
): Promise<string[]> {
  const name = namespaceOf(target);
  const cluster = clusterOf(target);
  await bumpForceSync({
    object: namespace,
    annotation: contract.forceSyncAnnotation,
    now: deps.now,
    patch: (_current, annotations, resourceVersion) =>
      deps.kubernetes.patchNamespaceAnnotations(cluster, name, annotations, {
        resourceVersion,
      }),
    reread: () =>
      deps.kubernetes.getNamespace(cluster, name, { consistent: true }),
  });
  return [`namespace/${name}`];
}

/**
 * The operator contract's engine (docs/operator-contract.md, docs/engines.md):
 * values go to AWS at the key template; the operator
 * watches the namespace's opt-in annotation and materialises the Secret;
 * force sync bumps the sync annotation to the current unix time.
 */
export const namespaceAnnotationEngine: EngineDefinition<
  Contract,
  NamespaceAnnotationFacts
> = {
  type: 'namespace-annotation',
  contractSchema: namespaceAnnotationContractSchema,
  supports: { forceSync: true, setEnabled: true },

  async readFacts(target, contract, deps) {
    const cluster = clusterOf(target);
    const lease = contract.operatorLease;
    const [shared, secretRead, leaseRead] = await Promise.all([
      readSharedFacts(target, deps),
      settle(
        deps.kubernetes.getSecret(
          cluster,
          namespaceOf(target),
          contract.secretName,
        ),
      ),
      lease
        ? settle(deps.kubernetes.getLease(cluster, lease.namespace, lease.name))
        : undefined,
    ]);
    const namespace = shared.namespace.read.value;
    const secret = secretRead.value;
    return {
      ...shared,
      optedIn: optedIn(contract, namespace),
      lastForceSyncAt: forceSyncStampToDate(
        namespace?.metadata?.annotations?.[contract.forceSyncAnnotation],
      ),
      secret: {
        name: contract.secretName,
        read: secretRead,
        owned: secret
          ? isOwnedByOperator(contract, secret.metadata?.labels)
          : false,
      },
      ...(lease && leaseRead
        ? { operator: { cluster: cluster.name, lease, read: leaseRead } }
        : {}),
    };
  },

  derive(facts, { gracePeriodMs }) {
    const snapshot = facts.aws.read.value;
    const secret = facts.secret.read.value;
    const derived = deriveStatus({
      now: facts.readAt,
      gracePeriodMs,
      aws: {
        error: readFailure(facts.aws.read, 'aws'),
        exists: snapshot?.exists ?? false,
        lastChangedAt: snapshot?.lastChangedAt,
        deletionScheduledAt: snapshot?.deletionScheduledAt,
        values: snapshot?.valueDigests,
        invalidDocument: snapshot?.invalidDocument,
      },
      namespace: {
        error: readFailure(facts.namespace.read, 'kubernetes'),
        exists: facts.namespace.read.value !== undefined,
        optedIn: facts.optedIn,
        lastForceSyncAt: facts.lastForceSyncAt,
      },
      secret: {
        error: readFailure(facts.secret.read, 'kubernetes'),
        exists: secret !== undefined,
        owned: facts.secret.owned,
        updatedAt: secret?.updatedAt,
        values: secret?.valueDigests,
      },
      consumers: { error: readFailure(facts.workloads, 'kubernetes') },
    });
    // a mismatch while the operator is stopped is the operator's, not an
    // editor's (docs/status-model.md row 14)
    const stopped =
      (derived.status === 'pending' || derived.status === 'drifted') &&
      facts.operator
        ? operatorStoppedReason(facts.operator, facts.readAt)
        : undefined;
    return stopped ? { ...derived, reason: stopped } : derived;
  },

  async afterWrite(target, contract, deps) {
    try {
      const namespace = await deps.kubernetes.getNamespace(
        clusterOf(target),
        namespaceOf(target),
      );
      if (!namespace || !optedIn(contract, namespace)) {
        return { syncRequested: false };
      }
      await bumpSync(target, contract, namespace, deps);
      return { syncRequested: true };
    } catch (error) {
      return syncRequestFailed(error);
    }
  },

  async forceSync(target, contract, deps) {
    const namespace = await requireNamespace(target, deps);
    if (!optedIn(contract, namespace)) {
      throw new ConflictError(
        `Sync is not enabled for ${target.tenantKey} in ${
          target.environment.name
        } (namespace ${namespaceOf(target)}); enable it first.`,
      );
    }
    return { targets: await bumpSync(target, contract, namespace, deps) };
  },

  async setEnabled(target, contract, enabled, deps) {
    await requireNamespace(target, deps);
    await deps.kubernetes.patchNamespaceAnnotations(
      clusterOf(target),
      namespaceOf(target),
      { [contract.optInAnnotation]: enabled ? contract.enabledValue : null },
    );
  },

  fleetReads: contract => ({
    awsNamePrefix: awsNamePrefixOf(contract),
    warmUp: contract.operatorLease
      ? { leaseNamespaces: [contract.operatorLease.namespace] }
      : {},
    // the reference operator stamps its Secrets with the AWS version
    stampedSecret: {
      secretName: contract.secretName,
      ownerLabels: contract.ownerLabels,
    },
  }),
};
