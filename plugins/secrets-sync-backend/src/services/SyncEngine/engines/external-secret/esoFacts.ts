import type { EsoFacts } from '@internal/plugin-secrets-sync-common';
import type { ExternalSecret } from '../../../Kubernetes';
import {
  PulledSecret,
  forceSyncNoOpReason,
  pinnedVersionWarning,
  readyCondition,
} from './externalSecretFacts';

/**
 * The `eso` part of the topology: what ESO says of the ExternalSecret that
 * speaks. A failed condition's message is ESO's generic one; the cause in
 * its newest Warning Event (`event`) follows it.
 */
export function esoFacts(
  externalSecret: ExternalSecret,
  pulled: PulledSecret,
  event?: string,
): EsoFacts {
  const ready = readyCondition(externalSecret);
  const { spec, status } = externalSecret;
  const warning = [
    forceSyncNoOpReason(externalSecret),
    pinnedVersionWarning(externalSecret, pulled),
  ]
    .filter(Boolean)
    .join(' ');
  const message =
    ready?.status === 'False' && event
      ? [ready.message, event].filter(Boolean).join(': ')
      : ready?.message;
  return {
    resourceName: externalSecret.metadata.name ?? '',
    apiVersion: externalSecret.apiVersion,
    ...(ready ? { ready: ready.status } : {}),
    ...(ready?.reason ? { reason: ready.reason } : {}),
    ...(message ? { message } : {}),
    ...(status?.refreshTime
      ? { refreshTime: new Date(status.refreshTime) }
      : {}),
    ...(status?.syncedResourceVersion
      ? { syncedResourceVersion: status.syncedResourceVersion }
      : {}),
    ...(spec?.refreshPolicy ? { refreshPolicy: spec.refreshPolicy } : {}),
    ...(spec?.refreshInterval ? { refreshInterval: spec.refreshInterval } : {}),
    ...(warning ? { warning } : {}),
  };
}
