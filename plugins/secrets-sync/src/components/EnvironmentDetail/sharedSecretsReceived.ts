import type {
  EntityTopology,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';

/** One shared secret a namespace receives through a ClusterExternalSecret. */
export interface ReceivedSharedSecret {
  /** The catalog entity of the shared secret, e.g. `resource:default/registry-credentials`. */
  entityRef: string;
  title: string;
  environment: string;
  clusterExternalSecret: string;
  status: SyncStatus;
  secretName?: string;
}

/**
 * The shared secrets one namespace of a cluster receives: every
 * ClusterExternalSecret of the shared secrets' topologies that provisioned
 * its ExternalSecret in that namespace. A namespace ESO failed to provision
 * receives nothing, so it is not listed.
 */
export function sharedSecretsReceivedBy(
  where: { cluster: string; namespace: string },
  sharedSecrets: Array<{
    entityRef: string;
    title: string;
    topology: EntityTopology;
  }>,
): ReceivedSharedSecret[] {
  return sharedSecrets.flatMap(({ entityRef, title, topology }) =>
    topology.environments.flatMap(env => {
      const fanOut = env.clusterExternalSecret;
      if (!fanOut || env.kubernetes.cluster !== where.cluster) {
        return [];
      }
      return fanOut.namespaces
        .filter(
          namespace =>
            namespace.namespace === where.namespace &&
            namespace.state === 'provisioned',
        )
        .map(namespace => ({
          entityRef,
          title,
          environment: env.environment.title,
          clusterExternalSecret: fanOut.resourceName,
          status: namespace.status,
          ...(namespace.secretName ? { secretName: namespace.secretName } : {}),
        }));
    }),
  );
}
