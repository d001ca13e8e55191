import type { CustomObject, CustomObjectApi } from '../../../Kubernetes';
import type { ExternalSecret } from '../../../Kubernetes';

/** What the engine knows of a SecretStore or ClusterSecretStore an ExternalSecret names. */
export interface StoreFacts {
  kind: 'SecretStore' | 'ClusterSecretStore';
  name: string;
  /** Its `Ready` condition's status; undefined when the store is missing or not reconciled. */
  ready?: string;
  reason?: string;
  message?: string;
  /** ESO's newest Warning Event about the store, read when it is not ready. */
  event?: string;
}

/** The store an ExternalSecret names; ESO's default kind is SecretStore. */
export function storeRefOf(
  externalSecret: ExternalSecret,
): Pick<StoreFacts, 'kind' | 'name'> | undefined {
  const ref = externalSecret.spec?.secretStoreRef;
  if (!ref?.name) {
    return undefined;
  }
  return {
    kind:
      ref.kind === 'ClusterSecretStore' ? 'ClusterSecretStore' : 'SecretStore',
    name: ref.name,
  };
}

/** Where a kind of store is served, beside the ExternalSecret that names it. */
export function storeApi(
  externalSecret: ExternalSecret,
  kind: StoreFacts['kind'],
): CustomObjectApi {
  const [group, version] = externalSecret.apiVersion.split('/');
  return {
    group,
    version,
    plural:
      kind === 'ClusterSecretStore' ? 'clustersecretstores' : 'secretstores',
  };
}

/** The facts of a store as read, its Ready condition included. */
export function toStoreFacts(
  ref: Pick<StoreFacts, 'kind' | 'name'>,
  object: CustomObject | undefined,
): StoreFacts {
  const conditions =
    (
      object?.status as
        | {
            conditions?: Array<{
              type?: string;
              status?: string;
              reason?: string;
              message?: string;
            }>;
          }
        | undefined
    )?.conditions ?? [];
  const ready = conditions.find(condition => condition.type === 'Ready');
  return {
    ...ref,
    ...(ready?.status ? { ready: ready.status } : {}),
    ...(ready?.reason ? { reason: ready.reason } : {}),
    ...(ready?.message ? { message: ready.message } : {}),
  };
}
