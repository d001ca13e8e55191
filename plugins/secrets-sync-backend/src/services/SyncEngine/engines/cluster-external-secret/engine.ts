import type { V1Namespace } from '@kubernetes/client-node';
import {
  forceSyncStampToDate,
  renderTemplate,
  type ClusterExternalSecretFacts as FanOutFacts,
} from '@internal/plugin-secrets-sync-common';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { NamespaceWorkloads } from '../../../../lib/domain/findConsumers';
import { findConsumers } from '../../../../lib/domain/findConsumers';
import type { ExternalSecret, SecretSummary } from '../../../Kubernetes';
import { bumpForceSync } from '../../bumpForceSync';
import {
  awsNamePrefixOf,
  awsSecretRefOf,
  clusterOf,
  settle,
} from '../../readHelpers';
import { readFailure, syncRequestFailed } from '../../statusHelpers';
import type {
  EngineDefinition,
  EngineDeps,
  EngineFacts,
  Settled,
  SyncTarget,
} from '../../types';
import {
  PulledSecret,
  forceSyncNoOpReason,
  targetSecretName,
} from '../external-secret/externalSecretFacts';
import { mappedKeys } from '../external-secret/mappedKeys';
import {
  ClusterExternalSecret,
  clusterExternalSecretApi,
  externalSecretNameOf,
  namespaceStateOf,
  readyOf,
  selectedNamespaces,
} from './clusterExternalSecret';
import {
  ClusterExternalSecretContract,
  clusterExternalSecretContractSchema,
} from './contractSchema';
import {
  NamespaceStatus,
  deriveNamespaceStatus,
  worstNamespace,
} from './deriveFanOutStatus';

type Contract = ClusterExternalSecretContract;

/** What was read of one namespace the ClusterExternalSecret selects. */
export interface FannedOutNamespace {
  namespace: string;
  state: 'provisioned' | 'failed' | 'selected';
  failure?: string;
  externalSecret: Settled<ExternalSecret | undefined>;
  secretName: string;
  secret: Settled<SecretSummary | undefined>;
  workloads: Settled<NamespaceWorkloads>;
}

/** What the engine reads: the ClusterExternalSecret and each namespace it selects. */
export interface ClusterExternalSecretEngineFacts extends EngineFacts {
  resourceName: string;
  clusterExternalSecret: Settled<ClusterExternalSecret | undefined>;
  namespaces: Settled<FannedOutNamespace[]>;
  pulled: PulledSecret;
  /** The grace period statuses are judged with, for the fan-out's own statuses. */
  gracePeriodMs: number;
}

function nameOf(target: SyncTarget, contract: Contract): string {
  return renderTemplate(
    contract.clusterExternalSecretTemplate,
    target.tenantKey,
  );
}

function externalSecretApiOf(contract: Contract) {
  return { group: contract.apiGroup, versions: [contract.apiVersion] };
}

async function readClusterExternalSecret(
  target: SyncTarget,
  contract: Contract,
  deps: EngineDeps,
  consistent = false,
): Promise<ClusterExternalSecret | undefined> {
  const name = nameOf(target, contract);
  const items = await deps.kubernetes.listCustomObjects(
    clusterOf(target),
    clusterExternalSecretApi(contract),
    undefined,
    { consistent },
  );
  return items.find(item => item.metadata.name === name) as
    | ClusterExternalSecret
    | undefined;
}

/** One selected namespace: its ExternalSecret, the Secret that names, its workloads. */
async function readNamespace(
  target: SyncTarget,
  contract: Contract,
  ces: ClusterExternalSecret,
  namespace: string,
  deps: EngineDeps,
): Promise<FannedOutNamespace> {
  const cluster = clusterOf(target);
  const { state, reason } = namespaceStateOf(ces, namespace);
  const esName = externalSecretNameOf(ces);
  const base = { namespace, state, ...(reason ? { failure: reason } : {}) };
  if (state === 'failed') {
    // the ExternalSecret there, if any, is not the ClusterExternalSecret's
    return {
      ...base,
      externalSecret: {},
      secretName: '',
      secret: {},
      workloads: {},
    };
  }
  const [externalSecret, workloads] = await Promise.all([
    settle(
      deps.kubernetes
        .listExternalSecrets(cluster, namespace, externalSecretApiOf(contract))
        .then(items => items.find(item => item.metadata.name === esName)),
    ),
    settle(deps.kubernetes.listWorkloads(cluster, namespace)),
  ]);
  const secretName = externalSecret.value
    ? targetSecretName(externalSecret.value)
    : '';
  const secret = secretName
    ? await settle(deps.kubernetes.getSecret(cluster, namespace, secretName))
    : {};
  return { ...base, externalSecret, secretName, secret, workloads };
}

/** Every namespace the ClusterExternalSecret selects, read at once. */
async function readNamespaces(
  target: SyncTarget,
  contract: Contract,
  ces: ClusterExternalSecret,
  allNamespaces: Settled<V1Namespace[]>,
  deps: EngineDeps,
): Promise<Settled<FannedOutNamespace[]>> {
  if (allNamespaces.error) {
    return { error: allNamespaces.error };
  }
  return settle(
    Promise.all(
      selectedNamespaces(ces, allNamespaces.value ?? []).map(name =>
        readNamespace(target, contract, ces, name, deps),
      ),
    ),
  );
}

function lastForceSyncOf(
  ces: ClusterExternalSecret | undefined,
  contract: Contract,
) {
  return forceSyncStampToDate(
    ces?.spec?.externalSecretMetadata?.annotations?.[
      contract.forceSyncAnnotation
    ],
  );
}

interface DerivedNamespace extends NamespaceStatus {
  facts: FannedOutNamespace;
  keys?: ReturnType<typeof mappedKeys>;
}

/** Each namespace's status, judged against the AWS secret. */
function deriveNamespaces(
  facts: ClusterExternalSecretEngineFacts,
  gracePeriodMs: number,
): DerivedNamespace[] {
  const snapshot = facts.aws.read.value;
  const aws = {
    error: readFailure(facts.aws.read, 'aws'),
    exists: snapshot?.exists ?? false,
    lastChangedAt: snapshot?.lastChangedAt,
    deletionScheduledAt: snapshot?.deletionScheduledAt,
  };
  return (facts.namespaces.value ?? []).map(namespace => {
    const externalSecret = namespace.externalSecret.value;
    const keys = externalSecret
      ? mappedKeys(
          externalSecret,
          facts.pulled,
          snapshot?.valueDigests,
          namespace.secret.value?.valueDigests,
        )
      : undefined;
    const readError =
      readFailure(namespace.externalSecret, 'kubernetes') ??
      readFailure(namespace.secret, 'kubernetes');
    const derived = deriveNamespaceStatus(
      {
        namespace: namespace.namespace,
        state: namespace.state,
        failure: namespace.failure,
        externalSecretName: facts.clusterExternalSecret.value
          ? externalSecretNameOf(facts.clusterExternalSecret.value)
          : '',
        externalSecret,
        ...(readError ? { readError } : {}),
        keys,
      },
      {
        now: facts.readAt,
        gracePeriodMs,
        aws,
        pulled: facts.pulled,
        lastForceSyncAt: facts.lastForceSyncAt,
      },
    );
    return { ...derived, facts: namespace, keys };
  });
}

function notFoundMessage(target: SyncTarget, contract: Contract) {
  return `No ClusterExternalSecret ${nameOf(
    target,
    contract,
  )} exists in cluster ${
    target.environment.kubernetes.name
  }, so nothing distributes the shared secret.`;
}

/**
 * Bumps `forceSyncAnnotation` in `spec.externalSecretMetadata.annotations`:
 * ESO 0.16 copies those annotations onto every ExternalSecret it creates,
 * and an ExternalSecret whose annotations change is refreshed at once.
 */
async function bumpClusterExternalSecret(
  target: SyncTarget,
  contract: Contract,
  ces: ClusterExternalSecret,
  deps: EngineDeps,
) {
  const cluster = clusterOf(target);
  const api = clusterExternalSecretApi(contract);
  const view = (object: ClusterExternalSecret) => ({
    object,
    metadata: {
      annotations: object.spec?.externalSecretMetadata?.annotations ?? {},
      resourceVersion: object.metadata.resourceVersion,
    },
  });
  await bumpForceSync({
    object: view(ces),
    annotation: contract.forceSyncAnnotation,
    now: deps.now,
    patch: (current, annotations, resourceVersion) =>
      deps.kubernetes.mergePatchCustomObject(
        cluster,
        api,
        current.object,
        { spec: { externalSecretMetadata: { annotations } } },
        { resourceVersion },
      ),
    reread: async () => {
      const fresh = await readClusterExternalSecret(
        target,
        contract,
        deps,
        true,
      );
      return fresh && view(fresh);
    },
  });
  const noOp = forceSyncNoOpReason({
    apiVersion: ces.apiVersion,
    kind: 'ExternalSecret',
    metadata: { name: externalSecretNameOf(ces), namespace: '*' },
    spec: ces.spec?.externalSecretSpec as ExternalSecret['spec'],
    status: { syncedResourceVersion: 'any' },
  });
  return {
    targets: [`clusterexternalsecret/${ces.metadata.name}`],
    ...(noOp ? { warning: noOp } : {}),
  };
}

/**
 * The ESO ClusterExternalSecret engine (docs/engines.md): a shared secret,
 * a catalog Resource of the platform team, is written to its AWS key; the
 * ClusterExternalSecret named for it has ESO create an ExternalSecret in
 * every namespace it selects. Status is the worst namespace's; force sync
 * bumps the annotation ESO propagates to those ExternalSecrets.
 */
export const clusterExternalSecretEngine: EngineDefinition<
  Contract,
  ClusterExternalSecretEngineFacts
> = {
  type: 'cluster-external-secret',
  contractSchema: clusterExternalSecretContractSchema,
  supports: { forceSync: true, setEnabled: false },

  async readFacts(target, contract, deps) {
    const cluster = clusterOf(target);
    const ref = awsSecretRefOf(target);
    const [awsRead, cesRead, allNamespaces] = await Promise.all([
      settle(deps.aws.read(ref)),
      settle(readClusterExternalSecret(target, contract, deps)),
      settle(deps.kubernetes.listNamespaces(cluster)),
    ]);
    const ces = cesRead.value;
    const namespacesRead = ces
      ? await readNamespaces(target, contract, ces, allNamespaces, deps)
      : { value: [] };
    const facts: ClusterExternalSecretEngineFacts = {
      readAt: deps.now(),
      ...(deps.kubernetes.factsAsOf?.(cluster)
        ? { kubernetesAsOf: deps.kubernetes.factsAsOf(cluster) }
        : {}),
      aws: { ref, read: awsRead },
      resourceName: nameOf(target, contract),
      clusterExternalSecret: cesRead,
      namespaces: namespacesRead,
      pulled: { name: ref.name, accountId: ref.accountId, region: ref.region },
      gracePeriodMs: deps.pendingGracePeriodMs,
      optedIn: ces !== undefined,
      lastForceSyncAt: lastForceSyncOf(ces, contract),
      // the shared hops show the namespace that speaks; see `derive`
      namespace: { name: '', read: {} },
      secret: { name: '', read: {}, owned: false },
      workloads: {},
    };
    const speaking = worstNamespace(
      deriveNamespaces(facts, deps.pendingGracePeriodMs),
    )?.facts;
    if (speaking) {
      const read = allNamespaces.value?.find(
        namespace => namespace.metadata?.name === speaking.namespace,
      );
      facts.namespace = { name: speaking.namespace, read: { value: read } };
      facts.secret = {
        name: speaking.secretName,
        read: speaking.secret,
        owned:
          speaking.secret.value?.metadata.ownerReferences?.some(
            owner =>
              owner.kind === 'ExternalSecret' &&
              owner.name === speaking.externalSecret.value?.metadata.name,
          ) ?? false,
      };
      facts.workloads = speaking.workloads;
    }
    return facts;
  },

  derive(facts, { gracePeriodMs }) {
    const failure =
      readFailure(facts.aws.read, 'aws') ??
      readFailure(facts.clusterExternalSecret, 'kubernetes') ??
      readFailure(facts.namespaces, 'kubernetes');
    if (failure) {
      return { status: 'error', reason: failure };
    }
    if (!facts.clusterExternalSecret.value) {
      return { status: 'not-enabled' };
    }
    const worst = worstNamespace(deriveNamespaces(facts, gracePeriodMs));
    if (!worst) {
      return { status: 'not-enabled' };
    }
    return {
      status: worst.status,
      ...(worst.reason ? { reason: worst.reason } : {}),
      ...(worst.keys ? { keys: worst.keys } : {}),
    };
  },

  topology(facts) {
    const ces = facts.clusterExternalSecret.value;
    const ready = ces ? readyOf(ces) : undefined;
    const fanOut: FanOutFacts = {
      resourceName: facts.resourceName,
      exists: ces !== undefined,
      ...(ready ? { ready } : {}),
      ...(ces?.spec?.refreshTime
        ? { refreshInterval: ces.spec.refreshTime }
        : {}),
      externalSecretName: ces ? externalSecretNameOf(ces) : '',
      namespaces: deriveNamespaces(facts, facts.gracePeriodMs).map(judged => {
        const { facts: read } = judged;
        return {
          namespace: read.namespace,
          state: read.state,
          status: judged.status,
          ...(judged.reason ? { reason: judged.reason.message } : {}),
          ...(read.secretName ? { secretName: read.secretName } : {}),
          ...(read.secretName
            ? { secretExists: read.secret.value !== undefined }
            : {}),
          consumers:
            read.workloads.value && read.secretName
              ? findConsumers({
                  workloads: read.workloads.value,
                  secretName: read.secretName,
                  secretUpdatedAt: read.secret.value?.updatedAt,
                  secretReloaderMatch: read.secret.value?.reloaderMatch,
                })
              : [],
        };
      }),
    };
    return { clusterExternalSecret: fanOut };
  },

  async afterWrite(target, contract, deps) {
    try {
      const ces = await readClusterExternalSecret(target, contract, deps, true);
      if (!ces) {
        return {
          syncRequested: false,
          warning: `Written to AWS. ${notFoundMessage(target, contract)}`,
        };
      }
      const { warning } = await bumpClusterExternalSecret(
        target,
        contract,
        ces,
        deps,
      );
      return { syncRequested: true, ...(warning ? { warning } : {}) };
    } catch (error) {
      return syncRequestFailed(error);
    }
  },

  async forceSync(target, contract, deps) {
    const ces = await readClusterExternalSecret(target, contract, deps, true);
    if (!ces) {
      throw new NotFoundError(notFoundMessage(target, contract));
    }
    if (
      (ces.status?.provisionedNamespaces ?? []).length === 0 &&
      (ces.status?.failedNamespaces ?? []).length > 0
    ) {
      throw new ConflictError(
        `ClusterExternalSecret ${ces.metadata.name} has no namespace ESO could provision, so a force sync reaches no Secret. See the failed namespaces and their reasons.`,
      );
    }
    return bumpClusterExternalSecret(target, contract, ces, deps);
  },

  async setEnabled(target, contract) {
    throw new InputError(
      `Environment ${
        target.environment.name
      } uses the cluster-external-secret engine: the namespaces ClusterExternalSecret ${nameOf(
        target,
        contract,
      )} selects receive the shared secret. Label a namespace, or change its selectors, in the cluster.`,
    );
  },

  fleetReads: contract => ({
    awsNamePrefix: awsNamePrefixOf(contract),
    warmUp: {
      externalSecrets: externalSecretApiOf(contract),
      customObjects: [clusterExternalSecretApi(contract)],
    },
  }),
};
