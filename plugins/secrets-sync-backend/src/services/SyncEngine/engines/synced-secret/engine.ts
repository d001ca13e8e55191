import type { SyncedSecretFacts as SyncedSecretTopology } from '@internal/plugin-secrets-sync-common';
import { ConflictError, InputError } from '@backstage/errors';
import {
  awsNamePrefixOf,
  awsSecretRefOf,
  clusterOf,
  namespaceOf,
  settle,
} from '../../readHelpers';
import { readSharedFacts } from '../../readSharedFacts';
import { readFailure } from '../../statusHelpers';
import type {
  EngineDefinition,
  EngineDeps,
  EngineFacts,
  Settled,
  SyncTarget,
} from '../../types';
import {
  SyncedSecretContract,
  syncedSecretContractSchema,
} from './contractSchema';
import {
  deriveSyncedSecretStatus,
  DerivedSyncedSecretStatus,
  primarySyncedSecret,
} from './deriveSyncedSecretStatus';
import {
  SyncedSecret,
  syncedSecretApi,
  takesSecret,
} from './syncedSecretFacts';

type Contract = SyncedSecretContract;

/** What the engine reads beside the shared hops: the SyncedSecrets taking the AWS secret. */
export interface SyncedSecretEngineFacts extends EngineFacts {
  syncedSecrets: Settled<SyncedSecret[]>;
  primary?: SyncedSecret;
  contract: Contract;
}

/** How long after an AWS change the controller's poll and resync carry it. */
function followWithinMs(contract: Contract): number {
  return (contract.pollIntervalSeconds + contract.resyncIntervalSeconds) * 1000;
}

/** The SyncedSecrets of the tenant's namespace that take its AWS secret. */
async function taking(
  target: SyncTarget,
  contract: Contract,
  deps: EngineDeps,
  arn?: string,
): Promise<SyncedSecret[]> {
  const items = (await deps.kubernetes.listCustomObjects(
    clusterOf(target),
    syncedSecretApi(contract),
    namespaceOf(target),
  )) as SyncedSecret[];
  const ref = { name: awsSecretRefOf(target).name, arn };
  return items.filter(item => takesSecret(item, ref));
}

function derived(
  facts: SyncedSecretEngineFacts,
  gracePeriodMs: number,
): DerivedSyncedSecretStatus {
  const snapshot = facts.aws.read.value;
  return deriveSyncedSecretStatus({
    now: facts.readAt,
    gracePeriodMs,
    followWithinMs: followWithinMs(facts.contract),
    aws: {
      error: readFailure(facts.aws.read, 'aws'),
      name: facts.aws.ref.name,
      arn: snapshot?.arn,
      exists: snapshot?.exists ?? false,
      versionId: snapshot?.versionId,
      lastChangedAt: snapshot?.lastChangedAt,
      deletionScheduledAt: snapshot?.deletionScheduledAt,
      valueDigests: snapshot?.valueDigests,
    },
    namespace: {
      error: readFailure(facts.namespace.read, 'kubernetes'),
      exists: facts.namespace.read.value !== undefined,
    },
    syncedSecrets: {
      error: readFailure(
        facts.syncedSecrets.error ? facts.syncedSecrets : facts.workloads,
        'kubernetes',
      ),
      items: facts.syncedSecrets.value ?? [],
    },
    secret: {
      error: readFailure(facts.secret.read, 'kubernetes'),
      digests: facts.secret.read.value?.valueDigests,
    },
  });
}

function pollMessage(target: SyncTarget, contract: Contract) {
  return `kube-secret-syncer polls AWS every ${
    contract.pollIntervalSeconds
  } s and rewrites each Secret every ${
    contract.resyncIntervalSeconds
  } s, so the Secret in namespace ${namespaceOf(
    target,
  )} follows a change within ${followWithinMs(contract) / 1000} s.`;
}

function notTakenMessage(target: SyncTarget) {
  return `No SyncedSecret in namespace ${namespaceOf(target)} of cluster ${
    target.environment.kubernetes.name
  } takes the AWS secret ${awsSecretRefOf(target).name}.`;
}

/**
 * The kube-secret-syncer engine (docs/engines.md): values go to AWS at the
 * key template; a `SyncedSecret` in the tenant's namespace naming that AWS
 * secret (`dataFrom.secretRef` or `data[].valueFrom.secretKeyRef`) makes
 * the controller write a Secret of the SyncedSecret's name. The controller
 * polls and has no force sync, so the status says when the Secret is due
 * instead.
 */
export const syncedSecretEngine: EngineDefinition<
  Contract,
  SyncedSecretEngineFacts
> = {
  type: 'synced-secret',
  contractSchema: syncedSecretContractSchema,
  supports: { forceSync: false, setEnabled: false },

  async readFacts(target, contract, deps) {
    const shared = await readSharedFacts(target, deps);
    // a SyncedSecret may name the AWS secret by ARN, which AWS answered
    const syncedSecretsRead = await settle(
      taking(target, contract, deps, shared.aws.read.value?.arn),
    );
    const primary = primarySyncedSecret(syncedSecretsRead.value ?? []);
    const secretName = primary?.metadata.name ?? '';
    const secretRead: Settled<
      Awaited<ReturnType<EngineDeps['kubernetes']['getSecret']>>
    > = secretName
      ? await settle(
          deps.kubernetes.getSecret(
            clusterOf(target),
            namespaceOf(target),
            secretName,
          ),
        )
      : {};
    return {
      ...shared,
      contract,
      syncedSecrets: syncedSecretsRead,
      primary,
      optedIn: (syncedSecretsRead.value ?? []).length > 0,
      // the controller rewrites the Secret of its SyncedSecret's name, whatever its labels
      secret: {
        name: secretName,
        read: secretRead,
        owned: primary !== undefined,
      },
    };
  },

  derive(facts, { gracePeriodMs }) {
    const { status, reason, keys } = derived(facts, gracePeriodMs);
    return { status, ...(reason ? { reason } : {}), ...(keys ? { keys } : {}) };
  },

  topology(facts, status) {
    const { primary, contract } = facts;
    if (!primary) {
      return {};
    }
    const { dueBy } = derived(facts, 0);
    const currentVersionID = primary.status?.currentVersionID;
    const syncedSecret: SyncedSecretTopology = {
      resourceName: primary.metadata.name ?? '',
      apiVersion: primary.apiVersion,
      ...(currentVersionID ? { currentVersionID } : {}),
      pollIntervalSeconds: contract.pollIntervalSeconds,
      resyncIntervalSeconds: contract.resyncIntervalSeconds,
      ...(dueBy && status.status !== 'synced' ? { dueBy } : {}),
    };
    return { syncedSecret };
  },

  async afterWrite(target, contract, deps) {
    try {
      const items = await taking(target, contract, deps);
      return {
        syncRequested: false,
        warning:
          items.length === 0
            ? `Written to AWS. ${notTakenMessage(target)}`
            : `Written to AWS. ${pollMessage(target, contract)}`,
      };
    } catch {
      return {
        syncRequested: false,
        warning: `Written to AWS. ${pollMessage(target, contract)}`,
      };
    }
  },

  async forceSync(target, contract) {
    throw new ConflictError(
      `Environment ${
        target.environment.name
      } uses kube-secret-syncer, which has no force sync: ${pollMessage(
        target,
        contract,
      )}`,
    );
  },

  async setEnabled(target) {
    throw new InputError(
      `Environment ${
        target.environment.name
      } uses the synced-secret engine: sync is on while a SyncedSecret in namespace ${namespaceOf(
        target,
      )} takes the AWS secret ${
        awsSecretRefOf(target).name
      }. Create or delete that SyncedSecret in the cluster.`,
    );
  },

  fleetReads: contract => ({
    awsNamePrefix: awsNamePrefixOf(contract),
    warmUp: { customObjects: [syncedSecretApi(contract)] },
  }),
};
