import type { PushSecretFacts as PushSecretTopology } from '@internal/plugin-secrets-sync-common';
import { forceSyncStampToDate } from '@internal/plugin-secrets-sync-common';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { SecretSummary } from '../../../Kubernetes';
import { bumpForceSync } from '../../bumpForceSync';
import {
  awsNamePrefixOf,
  awsSecretRefOf,
  clusterOf,
  namespaceOf,
  settle,
} from '../../readHelpers';
import { readSharedFacts } from '../../readSharedFacts';
import { latest, readFailure, syncRequestFailed } from '../../statusHelpers';
import type {
  EngineDefinition,
  EngineDeps,
  EngineFacts,
  Settled,
  SyncTarget,
} from '../../types';
import { PushSecretContract, pushSecretContractSchema } from './contractSchema';
import { derivePushSecretStatus } from './derivePushSecretStatus';
import {
  PushSecret,
  pushesTo,
  pushSecretApi,
  readyCondition,
  selectsSecret,
  storeStates,
} from './pushSecretFacts';
import { sourceSecretNameOf } from './sourceSecret';

type Contract = PushSecretContract;

/** What the engine reads beside the shared hops: the PushSecrets and the source Secret. */
export interface PushSecretEngineFacts extends EngineFacts {
  pushSecrets: Settled<PushSecret[]>;
}

/** The PushSecrets of the management namespace pushing the source Secret to the AWS secret. */
async function pushing(
  target: SyncTarget,
  contract: Contract,
  deps: EngineDeps,
  source: SecretSummary | undefined,
  consistent = false,
): Promise<PushSecret[]> {
  const items = (await deps.kubernetes.listCustomObjects(
    clusterOf(target),
    pushSecretApi(contract),
    namespaceOf(target),
    { consistent },
  )) as PushSecret[];
  const name = sourceSecretNameOf(target, contract);
  const awsName = awsSecretRefOf(target).name;
  return items.filter(
    item => selectsSecret(item, name, source) && pushesTo(item, awsName),
  );
}

async function bumpAll(
  target: SyncTarget,
  contract: Contract,
  items: PushSecret[],
  deps: EngineDeps,
): Promise<string[]> {
  const cluster = clusterOf(target);
  const api = pushSecretApi(contract);
  return Promise.all(
    items.map(async item => {
      const { name, namespace } = item.metadata;
      await bumpForceSync({
        object: item,
        annotation: contract.forceSyncAnnotation,
        now: deps.now,
        patch: (current, annotations, resourceVersion) =>
          deps.kubernetes.patchCustomObjectAnnotations(
            cluster,
            api,
            current,
            annotations,
            { resourceVersion },
          ),
        reread: async () =>
          (
            (await deps.kubernetes.listCustomObjects(
              cluster,
              api,
              namespaceOf(target),
              { consistent: true },
            )) as PushSecret[]
          ).find(other => other.metadata.name === name),
      });
      return `pushsecret/${namespace}/${name}`;
    }),
  );
}

function notPushedMessage(target: SyncTarget, contract: Contract) {
  return `No PushSecret in namespace ${namespaceOf(target)} of cluster ${
    target.environment.kubernetes.name
  } selects the Secret ${sourceSecretNameOf(
    target,
    contract,
  )} and pushes it to the AWS secret ${awsSecretRefOf(target).name}.`;
}

function ownedBy(secret: SecretSummary, contract: Contract): boolean {
  const labels = secret.metadata.labels ?? {};
  return Object.entries(contract.ownerLabels).every(
    ([key, value]) => labels[key] === value,
  );
}

/**
 * The ESO push engine (docs/engines.md, seed 000's design): the backend
 * writes the tenant's values into a source Secret in the environment's
 * management cluster and namespace, never reading them back, and bumps
 * `force-sync` on every PushSecret selecting that Secret; ESO pushes it to
 * each store (an AWS account) the PushSecret names. Status comes from each
 * PushSecret's `Ready` condition and `status.syncedPushSecrets`, per store.
 */
export const pushSecretEngine: EngineDefinition<
  Contract,
  PushSecretEngineFacts
> = {
  type: 'push-secret',
  contractSchema: pushSecretContractSchema,
  supports: { forceSync: true, setEnabled: false },

  async readFacts(target, contract, deps) {
    const name = sourceSecretNameOf(target, contract);
    const [shared, sourceRead] = await Promise.all([
      readSharedFacts(target, deps),
      settle(
        deps.kubernetes.getSecret(clusterOf(target), namespaceOf(target), name),
      ),
    ]);
    const pushSecretsRead = await settle(
      pushing(target, contract, deps, sourceRead.value),
    );
    const items = pushSecretsRead.value ?? [];
    return {
      ...shared,
      pushSecrets: pushSecretsRead,
      optedIn: items.length > 0,
      lastForceSyncAt: latest(
        ...items.map(item =>
          forceSyncStampToDate(
            item.metadata.annotations?.[contract.forceSyncAnnotation],
          ),
        ),
      ),
      secret: {
        name,
        read: sourceRead,
        owned: sourceRead.value ? ownedBy(sourceRead.value, contract) : false,
      },
    };
  },

  derive(facts, { gracePeriodMs }) {
    const snapshot = facts.aws.read.value;
    const source = facts.secret.read.value;
    return derivePushSecretStatus({
      now: facts.readAt,
      gracePeriodMs,
      aws: {
        error: readFailure(facts.aws.read, 'aws'),
        name: facts.aws.ref.name,
        exists: snapshot?.exists ?? false,
        valueDigests: snapshot?.valueDigests,
      },
      namespace: {
        error: readFailure(facts.namespace.read, 'kubernetes'),
        exists: facts.namespace.read.value !== undefined,
      },
      source: {
        error: readFailure(facts.secret.read, 'kubernetes'),
        exists: source !== undefined,
        updatedAt: source?.updatedAt,
        digests: source?.valueDigests,
      },
      pushSecrets: {
        error: readFailure(facts.pushSecrets, 'kubernetes'),
        items: facts.pushSecrets.value ?? [],
      },
      lastForceSyncAt: facts.lastForceSyncAt,
    });
  },

  topology(facts) {
    const awsName = facts.aws.ref.name;
    const pushSecret: PushSecretTopology = {
      sourceSecretName: facts.secret.name,
      pushSecrets: (facts.pushSecrets.value ?? []).map(item => {
        const ready = readyCondition(item);
        const { refreshTime, syncedResourceVersion } = item.status ?? {};
        return {
          resourceName: item.metadata.name ?? '',
          ...(ready ? { ready: ready.status } : {}),
          ...(ready?.reason ? { reason: ready.reason } : {}),
          ...(ready?.message ? { message: ready.message } : {}),
          ...(refreshTime ? { refreshTime: new Date(refreshTime) } : {}),
          ...(syncedResourceVersion ? { syncedResourceVersion } : {}),
          stores: storeStates(item, awsName),
        };
      }),
    };
    return { pushSecret };
  },

  async writeValues(target, contract, change, deps) {
    const cluster = clusterOf(target);
    const namespace = namespaceOf(target);
    const name = sourceSecretNameOf(target, contract);
    if (!(await deps.kubernetes.getNamespace(cluster, namespace))) {
      throw new NotFoundError(
        `Namespace ${namespace} does not exist in cluster ${target.environment.kubernetes.name}; the platform creates management namespaces.`,
      );
    }
    const current = await deps.kubernetes.getSecret(cluster, namespace, name);
    if (current && !ownedBy(current, contract)) {
      throw new ConflictError(
        `The Secret ${namespace}/${name} exists without the labels ${Object.keys(
          contract.ownerLabels,
        ).join(
          ', ',
        )}, so it is not the portal's to write; nothing was changed.`,
      );
    }
    // a replace removes the keys the Secret holds now; its names are enough
    const unset =
      change.mode === 'replace'
        ? Object.keys(current?.valueDigests ?? {}).filter(
            key => !Object.hasOwn(change.set, key),
          )
        : change.unset;
    const written = await deps.kubernetes.writeSecretData(
      cluster,
      namespace,
      name,
      { set: change.set, unset, labels: contract.ownerLabels },
      change.mode === 'replace' && current
        ? { resourceVersion: current.metadata.resourceVersion }
        : {},
    );
    return {
      outcome: 'written',
      keys: Object.keys(written.valueDigests).sort(),
    };
  },

  async afterWrite(target, contract, deps) {
    try {
      const source = await deps.kubernetes.getSecret(
        clusterOf(target),
        namespaceOf(target),
        sourceSecretNameOf(target, contract),
      );
      const items = await pushing(target, contract, deps, source, true);
      if (items.length === 0) {
        return {
          syncRequested: false,
          warning: `Written to the source Secret. ${notPushedMessage(
            target,
            contract,
          )}`,
        };
      }
      await bumpAll(target, contract, items, deps);
      return { syncRequested: true };
    } catch (error) {
      return syncRequestFailed(error);
    }
  },

  async forceSync(target, contract, deps) {
    const cluster = clusterOf(target);
    if (!(await deps.kubernetes.getNamespace(cluster, namespaceOf(target)))) {
      throw new NotFoundError(
        `Namespace ${namespaceOf(target)} does not exist in cluster ${
          target.environment.kubernetes.name
        }.`,
      );
    }
    const source = await deps.kubernetes.getSecret(
      cluster,
      namespaceOf(target),
      sourceSecretNameOf(target, contract),
    );
    const items = await pushing(target, contract, deps, source, true);
    if (items.length === 0) {
      throw new ConflictError(
        `${notPushedMessage(
          target,
          contract,
        )} Create a PushSecret for it first.`,
      );
    }
    return { targets: await bumpAll(target, contract, items, deps) };
  },

  async setEnabled(target, contract) {
    throw new InputError(
      `Environment ${
        target.environment.name
      } uses the push-secret engine: sync is on while a PushSecret in namespace ${namespaceOf(
        target,
      )} selects the Secret ${sourceSecretNameOf(
        target,
        contract,
      )}. Create or delete that PushSecret in the cluster.`,
    );
  },

  fleetReads: contract => ({
    awsNamePrefix: awsNamePrefixOf(contract),
    warmUp: { customObjects: [pushSecretApi(contract)] },
  }),
};
