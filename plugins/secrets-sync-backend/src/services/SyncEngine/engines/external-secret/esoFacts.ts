import type { EsoFacts } from '@internal/plugin-secrets-sync-common';
import type { ExternalSecret } from '../../../Kubernetes';
import { forceSyncNoOpReason, readyCondition } from './externalSecretFacts';

/** The `eso` part of the topology: what ESO says of the ExternalSecret that speaks. */
export function esoFacts(externalSecret: ExternalSecret): EsoFacts {
  const ready = readyCondition(externalSecret);
  const { spec, status } = externalSecret;
  const warning = forceSyncNoOpReason(externalSecret);
  return {
    resourceName: externalSecret.metadata.name ?? '',
    apiVersion: externalSecret.apiVersion,
    ...(ready ? { ready: ready.status } : {}),
    ...(ready?.reason ? { reason: ready.reason } : {}),
    ...(ready?.message ? { message: ready.message } : {}),
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
