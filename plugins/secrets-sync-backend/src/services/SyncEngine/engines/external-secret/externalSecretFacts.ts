import type {
  ExternalSecret,
  ExternalSecretCondition,
  ExternalSecretRemoteRef,
} from '../../../Kubernetes';

/** The ExternalSecret's `Ready` condition, if ESO has written one. */
export function readyCondition(
  externalSecret: ExternalSecret,
): ExternalSecretCondition | undefined {
  return externalSecret.status?.conditions?.find(
    condition => condition.type === 'Ready',
  );
}

/** The AWS secret an engine target pulls: its name, account and region. */
export interface PulledSecret {
  name: string;
  accountId: string;
  region: string;
}

/**
 * One way an ExternalSecret reads from AWS: a `data` entry (one property
 * into one Secret key, or the whole document) or a `dataFrom[].extract`
 * (every key of the document into a key of the same name).
 */
export interface RemoteRead {
  ref: ExternalSecretRemoteRef & { key: string };
  /** The Secret key a `data` entry fills; undefined for `extract`. */
  secretKey?: string;
}

/** Every remote read of an ExternalSecret, as its v1 (and v1beta1) spec has them. */
export function remoteReads(externalSecret: ExternalSecret): RemoteRead[] {
  const reads: RemoteRead[] = [];
  for (const item of externalSecret.spec?.data ?? []) {
    if (typeof item.remoteRef?.key === 'string') {
      reads.push({
        ref: { ...item.remoteRef, key: item.remoteRef.key },
        secretKey: item.secretKey,
      });
    }
  }
  for (const item of externalSecret.spec?.dataFrom ?? []) {
    if (typeof item.extract?.key === 'string') {
      reads.push({ ref: { ...item.extract, key: item.extract.key } });
    }
  }
  return reads;
}

const SECRET_ARN = /^arn:[^:]+:secretsmanager:([^:]+):(\d{12}):secret:(.+)$/;

/**
 * Whether a remote key names this AWS secret: by name, or by its ARN in
 * full (AWS appends `-` and six characters to the name) or partial (the
 * name alone), in the secret's account and region.
 */
export function namesSecret(key: string, secret: PulledSecret): boolean {
  if (key === secret.name) {
    return true;
  }
  const arn = SECRET_ARN.exec(key);
  if (!arn || arn[1] !== secret.region || arn[2] !== secret.accountId) {
    return false;
  }
  const name = arn[3];
  return (
    name === secret.name ||
    (name.length === secret.name.length + 7 &&
      name.startsWith(`${secret.name}-`) &&
      /^[A-Za-z0-9]{6}$/.test(name.slice(-6)))
  );
}

/** The remote reads of an ExternalSecret that read this AWS secret. */
export function readsOf(
  externalSecret: ExternalSecret,
  secret: PulledSecret,
): RemoteRead[] {
  return remoteReads(externalSecret).filter(read =>
    namesSecret(read.ref.key, secret),
  );
}

/** Whether an ExternalSecret pulls this AWS secret (by name or ARN). */
export function pullsSecret(
  externalSecret: ExternalSecret,
  secret: PulledSecret,
): boolean {
  return readsOf(externalSecret, secret).length > 0;
}

/** The versions other than AWSCURRENT this ExternalSecret pins the secret at. */
export function pinnedVersions(
  externalSecret: ExternalSecret,
  secret: PulledSecret,
): string[] {
  const versions = readsOf(externalSecret, secret)
    .map(read => read.ref.version)
    .filter(
      (version): version is string =>
        version !== undefined && version !== '' && version !== 'AWSCURRENT',
    );
  return [...new Set(versions)];
}

/** A Go duration (`0s`, `1h0m0s`, `0`) that adds up to nothing. */
function isZeroDuration(value: string | undefined): boolean {
  return (
    value !== undefined && /^(0+(\.0+)?(ns|us|µs|ms|s|m|h)?)+$/.test(value)
  );
}

/**
 * Why ESO will not refresh this ExternalSecret again, on a schedule or on
 * a `force-sync` bump, with the way out; undefined when it will. ESO
 * refreshes a `CreatedOnce` ExternalSecret only until its first sync; a
 * `Periodic` one (the policy when none is set) with a zero interval
 * likewise. After that a bump of `force-sync` changes nothing.
 */
export function forceSyncNoOpReason(
  externalSecret: ExternalSecret,
): string | undefined {
  const { spec, metadata, status } = externalSecret;
  // as ESO's shouldRefresh decides: CreatedOnce refreshes until both are
  // set, a zero interval until the first sync recorded its version
  if (!status?.syncedResourceVersion) {
    return undefined;
  }
  const name = `ExternalSecret ${metadata.namespace}/${metadata.name}`;
  if (spec?.refreshPolicy === 'CreatedOnce' && status.refreshTime) {
    return `${name} has refreshPolicy CreatedOnce and has synced once: ESO will not refresh it again, so a force sync does nothing. Recreate it, or change its refreshPolicy, to pull new values.`;
  }
  const periodic =
    spec?.refreshPolicy === undefined || spec.refreshPolicy === 'Periodic';
  if (periodic && isZeroDuration(spec?.refreshInterval)) {
    const policy = spec?.refreshPolicy
      ? `refreshPolicy ${spec.refreshPolicy}`
      : 'no refreshPolicy (ESO refreshes periodically)';
    return `${name} has ${policy} with refreshInterval ${spec?.refreshInterval} and has synced once: ESO will not refresh it again, so a force sync does nothing. Give it a refreshInterval, or set refreshPolicy OnChange, to pull new values.`;
  }
  return undefined;
}

/** Why the Secret will not follow AWSCURRENT: the versions an ExternalSecret pins. */
export function pinnedVersionWarning(
  externalSecret: ExternalSecret,
  secret: PulledSecret,
): string | undefined {
  const pinned = pinnedVersions(externalSecret, secret);
  if (pinned.length === 0) {
    return undefined;
  }
  return `ExternalSecret ${externalSecret.metadata.namespace}/${
    externalSecret.metadata.name
  } pins version ${pinned.join(
    ', ',
  )} of the AWS secret: it pulls that version, not the current one, so new values do not reach the Secret. Remove the version from its remoteRef to follow AWS.`;
}

/** The Secret an ExternalSecret writes: `spec.target.name`, or its own name. */
export function targetSecretName(externalSecret: ExternalSecret): string {
  return (
    externalSecret.spec?.target?.name ?? externalSecret.metadata.name ?? ''
  );
}
