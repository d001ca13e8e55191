import type { PushSecretStoreState } from '@internal/plugin-secrets-sync-common';
import type {
  CustomObject,
  CustomObjectApi,
  SecretSummary,
} from '../../../Kubernetes';
import type { PushSecretContract } from './contractSchema';

/** A condition of a PushSecret's status. */
export interface PushSecretCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/**
 * The parts of an ESO `PushSecret` (`external-secrets.io/v1alpha1`) the
 * engine reads, as ESO's CRD defines them. `syncedPushSecrets` maps
 * `<Kind>/<store>` to the remote refs ESO pushed there (`remoteKey`, or
 * `remoteKey/property`).
 */
export interface PushSecret extends CustomObject {
  spec?: {
    refreshInterval?: string;
    secretStoreRefs?: Array<{
      name?: string;
      kind?: string;
      labelSelector?: unknown;
    }>;
    selector?: {
      secret?: {
        name?: string;
        selector?: { matchLabels?: Record<string, string> };
      };
    };
    data?: Array<{ match?: { remoteRef?: { remoteKey?: string } } }>;
  };
  status?: {
    refreshTime?: string | null;
    syncedResourceVersion?: string;
    syncedPushSecrets?: Record<string, Record<string, unknown>>;
    conditions?: PushSecretCondition[];
  };
}

/** Where PushSecrets are served, by the contract. */
export function pushSecretApi(
  contract: Pick<PushSecretContract, 'apiGroup' | 'apiVersion'>,
): CustomObjectApi {
  return {
    group: contract.apiGroup,
    version: contract.apiVersion,
    plural: 'pushsecrets',
  };
}

/** The PushSecret's `Ready` condition, if ESO has written one. */
export function readyCondition(
  pushSecret: PushSecret,
): PushSecretCondition | undefined {
  return pushSecret.status?.conditions?.find(
    condition => condition.type === 'Ready',
  );
}

/**
 * Whether a PushSecret selects the source Secret: by name, or by labels the
 * Secret carries (the Secret's labels are known once it exists).
 */
export function selectsSecret(
  pushSecret: PushSecret,
  name: string,
  secret: SecretSummary | undefined,
): boolean {
  const selector = pushSecret.spec?.selector?.secret;
  if (selector?.name) {
    return selector.name === name;
  }
  const wanted = selector?.selector?.matchLabels;
  if (!wanted || !secret) {
    return false;
  }
  const labels = secret.metadata.labels ?? {};
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

/** The remote keys a PushSecret pushes to. */
function remoteKeysOf(pushSecret: PushSecret): string[] {
  return (pushSecret.spec?.data ?? [])
    .map(item => item.match?.remoteRef?.remoteKey)
    .filter((key): key is string => typeof key === 'string');
}

/** Whether a PushSecret pushes to the AWS secret of this name. */
export function pushesTo(pushSecret: PushSecret, awsName: string): boolean {
  return remoteKeysOf(pushSecret).includes(awsName);
}

/**
 * Each store a PushSecret names, with what ESO says of it: pushed when
 * `syncedPushSecrets` lists the AWS secret for it, failed when the `Ready`
 * condition's message names it ("… to target secretstore <name>: …",
 * "could not get secrets client for store <name>: …"). ESO
 * stops at the first store that fails, so a store after it is neither.
 */
export function storeStates(
  pushSecret: PushSecret,
  awsName: string,
): PushSecretStoreState[] {
  const synced = pushSecret.status?.syncedPushSecrets ?? {};
  const ready = readyCondition(pushSecret);
  return (pushSecret.spec?.secretStoreRefs ?? []).map(ref => {
    const kind = ref.kind || 'SecretStore';
    const name = ref.name || '(by label)';
    const remoteKeys = Object.keys(synced[`${kind}/${name}`] ?? {});
    const pushed = remoteKeys.some(
      key => key === awsName || key.startsWith(`${awsName}/`),
    );
    const message = ready?.message ?? '';
    const failed =
      ready?.status === 'False' &&
      (message.includes(`target secretstore ${name}:`) ||
        message.includes(`secrets client for store ${name}:`));
    return {
      kind,
      name,
      pushed,
      ...(remoteKeys.length ? { remoteKeys } : {}),
      ...(failed ? { error: ready.message } : {}),
    };
  });
}
