import {
  ExternalSecretContract,
  forceSyncStampToDate,
} from '@internal/plugin-secrets-sync-common';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { AwsSecretRef } from '../../../AwsSecrets';
import type { ExternalSecret } from '../../../Kubernetes';
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
import { externalSecretContractSchema } from './contractSchema';
import {
  deriveExternalSecretStatus,
  primaryExternalSecret,
} from './deriveExternalSecretStatus';
import { esoFacts } from './esoFacts';
import {
  PulledSecret,
  forceSyncNoOpReason,
  pullsSecret,
  targetSecretName,
  readyCondition,
} from './externalSecretFacts';
import { mappedKeys } from './mappedKeys';
import { safeEventMessage } from './safeEventMessage';
import { StoreFacts, storeApi, storeRefOf, toStoreFacts } from './storeFacts';

type Contract = ExternalSecretContract;

/**
 * What the engine reads beside the shared hops: the ExternalSecrets pulling
 * the AWS secret, the stores they name, and ESO's Events where it failed.
 */
export interface ExternalSecretFacts extends EngineFacts {
  externalSecrets: Settled<ExternalSecret[]>;
  /** The ExternalSecret whose state speaks for the environment. */
  primary?: ExternalSecret;
  pulled: PulledSecret;
  /** The stores the ExternalSecrets name; a store that could not be read is left out. */
  stores: StoreFacts[];
  /** ESO's newest Warning Event about the primary, read when it is not ready. */
  primaryEvent?: string;
}

function pulledSecretOf(target: SyncTarget): PulledSecret {
  const { name, accountId, region } = awsSecretRefOf(target);
  return { name, accountId, region };
}

/** The message of the newest Warning Event about an object; never throws. */
async function newestWarning(
  target: SyncTarget,
  deps: EngineDeps,
  namespace: string,
  regarding: { kind: string; name: string },
): Promise<string | undefined> {
  const events = await settle(
    deps.kubernetes.listEvents(clusterOf(target), namespace, regarding),
  );
  const message = events.value?.find(
    event => event.type === 'Warning',
  )?.message;
  return message === undefined ? undefined : safeEventMessage(message);
}

/**
 * The stores the ExternalSecrets name, read through the watch cache (a
 * store turns Ready=False at once; its ExternalSecrets only when ESO next
 * reconciles them), each not-ready one with ESO's Event about it.
 */
async function readStores(
  target: SyncTarget,
  items: ExternalSecret[],
  deps: EngineDeps,
): Promise<StoreFacts[]> {
  const seen = new Map<string, ExternalSecret>();
  for (const item of items) {
    const ref = storeRefOf(item);
    if (ref) {
      seen.set(`${ref.kind}/${ref.name}`, item);
    }
  }
  const cluster = clusterOf(target);
  const read = await Promise.all(
    [...seen.values()].map(async item => {
      const ref = storeRefOf(item)!;
      const clusterScoped = ref.kind === 'ClusterSecretStore';
      const listed = await settle(
        deps.kubernetes.listCustomObjects(
          cluster,
          storeApi(item, ref.kind),
          clusterScoped ? undefined : namespaceOf(target),
        ),
      );
      if (!listed.value) {
        return undefined;
      }
      const facts = toStoreFacts(
        ref,
        listed.value.find(store => store.metadata.name === ref.name),
      );
      if (facts.ready !== 'False') {
        return facts;
      }
      // Events about a cluster-scoped object are recorded in `default`
      const event = await newestWarning(
        target,
        deps,
        clusterScoped ? 'default' : namespaceOf(target),
        ref,
      );
      return { ...facts, ...(event ? { event } : {}) };
    }),
  );
  return read.filter((store): store is StoreFacts => store !== undefined);
}

function apiOf(contract: Contract) {
  return { group: contract.apiGroup, versions: contract.apiVersions };
}

/** The ExternalSecrets of the tenant's namespace that pull its AWS secret. */
async function pulling(
  target: SyncTarget,
  contract: Contract,
  deps: EngineDeps,
  consistent = false,
): Promise<ExternalSecret[]> {
  const items = await deps.kubernetes.listExternalSecrets(
    clusterOf(target),
    namespaceOf(target),
    apiOf(contract),
    { consistent },
  );
  const pulled = pulledSecretOf(target);
  return items.filter(item => pullsSecret(item, pulled));
}

/** Bumps one ExternalSecret's force-sync annotation; see {@link bumpForceSync}. */
async function bump(
  target: SyncTarget,
  contract: Contract,
  externalSecret: ExternalSecret,
  deps: EngineDeps,
) {
  const { name, namespace } = externalSecret.metadata;
  const cluster = clusterOf(target);
  await bumpForceSync({
    object: externalSecret,
    annotation: contract.forceSyncAnnotation,
    now: deps.now,
    patch: (current, annotations, resourceVersion) =>
      deps.kubernetes.patchExternalSecretAnnotations(
        cluster,
        current,
        annotations,
        { resourceVersion },
      ),
    reread: async () =>
      (
        await deps.kubernetes.listExternalSecrets(
          cluster,
          namespaceOf(target),
          apiOf(contract),
          { consistent: true },
        )
      ).find(item => item.metadata.name === name),
  });
  return `externalsecret/${namespace}/${name}`;
}

/** Bumps every ExternalSecret, saying which ones ESO will ignore. */
async function bumpAll(
  target: SyncTarget,
  contract: Contract,
  items: ExternalSecret[],
  deps: EngineDeps,
) {
  const targets = await Promise.all(
    items.map(item => bump(target, contract, item, deps)),
  );
  const noOps = items
    .map(forceSyncNoOpReason)
    .filter((reason): reason is string => reason !== undefined);
  return {
    targets,
    ...(noOps.length ? { warning: noOps.join(' ') } : {}),
  };
}

function notPulledMessage(target: SyncTarget, ref: AwsSecretRef) {
  return `No ExternalSecret in namespace ${namespaceOf(target)} of cluster ${
    target.environment.kubernetes.name
  } has the remote key ${ref.name}, so nothing pulls it into the cluster.`;
}

/**
 * The ESO pull engine (docs/engines.md): values go to AWS at the key
 * template as before; an
 * External Secrets Operator ExternalSecret in the tenant's namespace whose
 * remote key is that secret pulls them into a Secret. Force sync bumps the
 * ExternalSecrets' `force-sync` annotation; status comes from their `Ready`
 * condition. The ExternalSecrets themselves are the cluster's to manage.
 */
export const externalSecretEngine: EngineDefinition<
  Contract,
  ExternalSecretFacts
> = {
  type: 'external-secret',
  contractSchema: externalSecretContractSchema,
  supports: { forceSync: true, setEnabled: false },

  async readFacts(target, contract, deps) {
    const [shared, externalSecretsRead] = await Promise.all([
      readSharedFacts(target, deps),
      settle(pulling(target, contract, deps)),
    ]);
    const items = externalSecretsRead.value ?? [];
    const primary = primaryExternalSecret(items);
    // the Secret's name is the ExternalSecret's to say, so it is read after
    const secretName = primary ? targetSecretName(primary) : '';
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
    const owned =
      secretRead.value?.metadata.ownerReferences?.some(
        owner =>
          owner.kind === 'ExternalSecret' &&
          owner.name === primary?.metadata.name,
      ) ?? false;
    const [stores, primaryEvent] = await Promise.all([
      readStores(target, items, deps),
      primary && readyCondition(primary)?.status === 'False'
        ? newestWarning(target, deps, namespaceOf(target), {
            kind: 'ExternalSecret',
            name: primary.metadata.name ?? '',
          })
        : undefined,
    ]);
    return {
      ...shared,
      externalSecrets: externalSecretsRead,
      primary,
      pulled: pulledSecretOf(target),
      stores,
      ...(primaryEvent ? { primaryEvent } : {}),
      optedIn: items.length > 0,
      lastForceSyncAt: latest(
        ...items.map(item =>
          forceSyncStampToDate(
            item.metadata.annotations?.[contract.forceSyncAnnotation],
          ),
        ),
      ),
      secret: { name: secretName, read: secretRead, owned },
    };
  },

  derive(facts, { gracePeriodMs }) {
    const snapshot = facts.aws.read.value;
    const listFailure = facts.externalSecrets.error
      ? facts.externalSecrets
      : facts.workloads;
    const keys = facts.primary
      ? mappedKeys(
          facts.primary,
          facts.pulled,
          snapshot?.valueDigests,
          facts.secret.read.value?.valueDigests,
        )
      : undefined;
    const { status, reason } = deriveExternalSecretStatus({
      now: facts.readAt,
      gracePeriodMs,
      aws: {
        error: readFailure(facts.aws.read, 'aws'),
        exists: snapshot?.exists ?? false,
        lastChangedAt: snapshot?.lastChangedAt,
        deletionScheduledAt: snapshot?.deletionScheduledAt,
      },
      namespace: {
        error: readFailure(facts.namespace.read, 'kubernetes'),
        exists: facts.namespace.read.value !== undefined,
      },
      externalSecrets: {
        error: readFailure(listFailure, 'kubernetes'),
        items: facts.externalSecrets.value ?? [],
      },
      lastForceSyncAt: facts.lastForceSyncAt,
      pulled: facts.pulled,
      stores: facts.stores,
      primaryEvent: facts.primaryEvent,
      keys,
    });
    return {
      status,
      ...(reason ? { reason } : {}),
      // a mapping digests cannot compare shows no keys rather than false ones
      ...(facts.primary ? { keys: keys ?? [] } : {}),
    };
  },

  topology: facts =>
    facts.primary
      ? { eso: esoFacts(facts.primary, facts.pulled, facts.primaryEvent) }
      : {},

  async afterWrite(target, contract, deps) {
    const ref = awsSecretRefOf(target);
    try {
      const items = await pulling(target, contract, deps, true);
      if (items.length === 0) {
        return {
          syncRequested: false,
          warning: `Written to AWS. ${notPulledMessage(target, ref)}`,
        };
      }
      const { warning } = await bumpAll(target, contract, items, deps);
      return { syncRequested: true, ...(warning ? { warning } : {}) };
    } catch (error) {
      return syncRequestFailed(error);
    }
  },

  async forceSync(target, contract, deps) {
    const namespace = await deps.kubernetes.getNamespace(
      clusterOf(target),
      namespaceOf(target),
    );
    if (!namespace) {
      throw new NotFoundError(
        `Namespace ${namespaceOf(target)} does not exist in cluster ${
          target.environment.kubernetes.name
        }.`,
      );
    }
    const items = await pulling(target, contract, deps, true);
    if (items.length === 0) {
      throw new ConflictError(
        `${notPulledMessage(
          target,
          awsSecretRefOf(target),
        )} Create an ExternalSecret for it first.`,
      );
    }
    return bumpAll(target, contract, items, deps);
  },

  async setEnabled(target) {
    throw new InputError(
      `Environment ${
        target.environment.name
      } uses the external-secret engine: sync is on while an ExternalSecret in namespace ${namespaceOf(
        target,
      )} has the remote key ${
        awsSecretRefOf(target).name
      }. Create or delete that ExternalSecret in the cluster.`,
    );
  },

  fleetReads: contract => ({
    awsNamePrefix: awsNamePrefixOf(contract),
    warmUp: {
      externalSecrets: apiOf(contract),
      // the stores the ExternalSecrets name, at the version preferred first
      customObjects: ['secretstores', 'clustersecretstores'].map(plural => ({
        group: contract.apiGroup,
        version: contract.apiVersions[0],
        plural,
      })),
    },
  }),
};
