import type {
  ExternalSecret,
  ExternalSecretCondition,
} from '../../../Kubernetes';

/** The ExternalSecret's `Ready` condition, if ESO has written one. */
export function readyCondition(
  externalSecret: ExternalSecret,
): ExternalSecretCondition | undefined {
  return externalSecret.status?.conditions?.find(
    condition => condition.type === 'Ready',
  );
}

/** The remote keys an ExternalSecret pulls, from `data` and `dataFrom`. */
export function remoteKeys(externalSecret: ExternalSecret): string[] {
  return [
    ...(externalSecret.spec?.data ?? []).map(item => item.remoteRef?.key),
    ...(externalSecret.spec?.dataFrom ?? []).map(
      item => item.extract?.key ?? item.key,
    ),
  ].filter((key): key is string => typeof key === 'string');
}

/** Whether an ExternalSecret pulls the AWS secret of this name (or ARN). */
export function pullsSecret(
  externalSecret: ExternalSecret,
  secret: { name: string; arn?: string },
): boolean {
  return remoteKeys(externalSecret).some(
    key =>
      key === secret.name || (secret.arn !== undefined && key === secret.arn),
  );
}

/** A Go duration (`0s`, `1h0m0s`, `0`) that adds up to nothing. */
function isZeroDuration(value: string | undefined): boolean {
  return (
    value !== undefined && /^(0+(\.0+)?(ns|us|µs|ms|s|m|h)?)+$/.test(value)
  );
}

/**
 * Why bumping `force-sync` would not make ESO refresh this ExternalSecret,
 * or undefined when it would. ESO refreshes a `CreatedOnce` ExternalSecret
 * only until its first sync, and a `Periodic` one with a zero interval
 * likewise; after that, annotation changes are ignored.
 */
export function forceSyncNoOpReason(
  externalSecret: ExternalSecret,
): string | undefined {
  const { spec, status, metadata } = externalSecret;
  const syncedOnce = Boolean(
    status?.syncedResourceVersion || status?.refreshTime,
  );
  if (!syncedOnce) {
    return undefined;
  }
  const name = `ExternalSecret ${metadata.namespace}/${metadata.name}`;
  if (spec?.refreshPolicy === 'CreatedOnce') {
    return `${name} has refreshPolicy CreatedOnce and has synced once: ESO will not refresh it again, so a force sync does nothing. Recreate it, or change its refreshPolicy, to pull new values.`;
  }
  if (
    spec?.refreshPolicy === 'Periodic' &&
    isZeroDuration(spec.refreshInterval)
  ) {
    return `${name} has refreshPolicy Periodic with refreshInterval ${spec.refreshInterval} and has synced once: ESO will not refresh it again, so a force sync does nothing. Give it a refreshInterval, or use refreshPolicy OnChange, to pull new values.`;
  }
  return undefined;
}

/** The Secret an ExternalSecret writes: `spec.target.name`, or its own name. */
export function targetSecretName(externalSecret: ExternalSecret): string {
  return (
    externalSecret.spec?.target?.name ?? externalSecret.metadata.name ?? ''
  );
}
