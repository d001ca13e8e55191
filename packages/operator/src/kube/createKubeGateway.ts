import {
  CoreV1Api,
  KubeConfig,
  V1Namespace,
  V1Secret,
} from '@kubernetes/client-node';
import { encodeSecretData } from '../reconcile/contractFacts';
import { KubeApiError, statusCodeOf } from './apiErrors';

/**
 * The Kubernetes reads and writes one reconcile needs. Writes carry
 * preconditions, so a Secret that changed hands since it was read (for
 * instance, replaced by a hand-made one) is never overwritten or deleted.
 *
 * @public
 */
export interface KubeGateway {
  readNamespace(name: string): Promise<V1Namespace | undefined>;
  readSecret(namespace: string, name: string): Promise<V1Secret | undefined>;
  /** Creates the Secret; fails with 409 if one appeared meanwhile. */
  createSecret(options: {
    namespace: string;
    name: string;
    labels: Record<string, string>;
    /** Annotations to set, such as the AWS version stamp. */
    annotations?: Record<string, string>;
    data: Record<string, string>;
  }): Promise<V1Secret>;
  /**
   * Replaces the data of the Secret as read, and sets the given annotations
   * (others are kept); fails with 409 if it changed since.
   */
  replaceSecretData(
    existing: V1Secret,
    data: Record<string, string>,
    annotations?: Record<string, string>,
  ): Promise<V1Secret>;
  /** Deletes the Secret as read; fails with 409 if it changed since. */
  deleteSecret(existing: V1Secret): Promise<void>;
}

/**
 * A {@link KubeGateway} over client-node's CoreV1Api.
 *
 * @public
 */
export function createKubeGateway(kubeConfig: KubeConfig): KubeGateway {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const call = async <T>(operation: string, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (error) {
      throw KubeApiError.from(operation, error);
    }
  };
  const orMissing = async <T>(operation: string, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (error) {
      if (statusCodeOf(error) === 404) {
        return undefined;
      }
      throw KubeApiError.from(operation, error);
    }
  };

  return {
    readNamespace: name =>
      orMissing(`get namespace ${name}`, () => core.readNamespace({ name })),
    readSecret: (namespace, name) =>
      orMissing(`get secret ${namespace}/${name}`, () =>
        core.readNamespacedSecret({ namespace, name }),
      ),
    createSecret: ({ namespace, name, labels, annotations, data }) =>
      call(`create secret ${namespace}/${name}`, () =>
        core.createNamespacedSecret({
          namespace,
          body: {
            apiVersion: 'v1',
            kind: 'Secret',
            type: 'Opaque',
            metadata: {
              name,
              namespace,
              labels,
              ...(annotations ? { annotations } : {}),
            },
            data: encodeSecretData(data),
          },
        }),
      ),
    replaceSecretData: (existing, data, annotations) => {
      const { name = '', namespace = '' } = existing.metadata ?? {};
      return call(`update secret ${namespace}/${name}`, () =>
        core.replaceNamespacedSecret({
          name,
          namespace,
          body: {
            ...existing,
            metadata: {
              ...existing.metadata,
              ...(annotations
                ? {
                    annotations: {
                      ...existing.metadata?.annotations,
                      ...annotations,
                    },
                  }
                : {}),
            },
            data: encodeSecretData(data),
            stringData: undefined,
          },
        }),
      );
    },
    deleteSecret: async existing => {
      const {
        name = '',
        namespace = '',
        uid,
        resourceVersion,
      } = existing.metadata ?? {};
      // Already gone is the outcome asked for.
      await orMissing(`delete secret ${namespace}/${name}`, () =>
        core.deleteNamespacedSecret({
          name,
          namespace,
          body: { preconditions: { uid, resourceVersion } },
        }),
      );
    },
  };
}
