import { isOwnedByOperator } from '@internal/plugin-secrets-sync-common';
import type {
  AwsSecretRef,
  AwsSecretSnapshot,
  AwsSecretsService,
} from '../AwsSecrets';
import type {
  CachedKubernetesService,
  ClusterConfig,
  SecretSummary,
} from '../Kubernetes';
import type { StampedSecret } from '../SyncEngine/types';

/** Where the Secret materialised from one AWS secret lives. */
export interface StampedSecretLocation {
  cluster: ClusterConfig;
  namespace: string;
  contract: StampedSecret;
  /**
   * The environment binds tenants by the namespace's annotation (no tenant
   * list in config): a missing namespace is then shown as missing whatever
   * AWS holds, so its values are not needed.
   */
  bindsByNamespace: boolean;
}

/**
 * The digests the fleet takes the AWS version to hold, from its stamp
 * alone: the Secret's own, when the operator's Secret (owner labels) is
 * stamped with the version `AWSCURRENT` is on. Undefined when the stamp
 * cannot answer (no Secret, not the operator's, no stamp, another version,
 * a secret being deleted): then the values are compared by digest.
 *
 * @remarks
 * This trusts the operator: a stamped Secret holds the data of the version
 * it names. A stamped Secret edited by hand in the cluster reads as synced
 * here until the operator restores it; the entity's topology compares
 * digests and shows it drifted.
 */
export function digestsByVersion(
  snapshot: AwsSecretSnapshot,
  secret: SecretSummary | undefined,
  contract: StampedSecretLocation['contract'],
): Record<string, string> | undefined {
  if (
    !snapshot.exists ||
    !snapshot.versionId ||
    snapshot.deletionScheduledAt ||
    !secret?.awsVersionStamp ||
    !isOwnedByOperator(contract, secret.metadata.labels)
  ) {
    return undefined;
  }
  return secret.awsVersionStamp === snapshot.versionId
    ? secret.valueDigests
    : undefined;
}

function refKey(ref: AwsSecretRef) {
  return `${ref.accountId}|${ref.region}|${ref.endpoint ?? ''}|${ref.name}`;
}

/**
 * The AWS reads of a fleet pass: a secret whose Secret's stamp names its
 * current version is answered from its metadata and the Secret (no value
 * read); any other is read as the topology reads it, its digests cached by
 * version id, so each version's values are read at most once.
 *
 * Cluster reads come from the watch caches the pass warmed: no call.
 */
export function createVersionTrustingReader(options: {
  aws: Pick<AwsSecretsService, 'read' | 'readMetadata'>;
  kubernetes: Pick<CachedKubernetesService, 'getSecret' | 'getNamespace'>;
}) {
  const { aws, kubernetes } = options;
  /** Only ever set to the same location for a ref, so passes may overlap. */
  const locations = new Map<string, StampedSecretLocation>();
  /**
   * What the passes in progress listed: read from here, thousands of
   * metadata reads cost no cache lookup (a Redis round trip each, in
   * production). Always the newest listing of a ref.
   */
  const listed = new Map<string, AwsSecretSnapshot>();

  /** The digests to answer with, or undefined when the values must be read. */
  async function withoutValues(
    ref: AwsSecretRef,
    snapshot: AwsSecretSnapshot,
  ): Promise<Record<string, string> | undefined> {
    const location = locations.get(refKey(ref));
    if (!location) {
      return undefined;
    }
    const { cluster, namespace, contract } = location;
    if (
      location.bindsByNamespace &&
      !(await kubernetes.getNamespace(cluster, namespace))
    ) {
      // withheld as namespace-missing: no comparison is shown
      return {};
    }
    return digestsByVersion(
      snapshot,
      await kubernetes.getSecret(cluster, namespace, contract.secretName),
      contract,
    );
  }

  return {
    /** Marks a secret as one an operator materialises and stamps. */
    locate(ref: AwsSecretRef, location: StampedSecretLocation) {
      locations.set(refKey(ref), location);
    },

    /** For `AwsPrefetch.readValues`: false when the stamp answers. */
    async readValues(ref: AwsSecretRef, versionId: string): Promise<boolean> {
      const answer = await withoutValues(ref, {
        exists: true,
        managed: false,
        versionId,
      });
      return answer === undefined;
    },

    /** For `AwsPrefetch.listed`: the pass's reads take the metadata from here. */
    listed(ref: AwsSecretRef, snapshot: AwsSecretSnapshot) {
      listed.set(refKey(ref), snapshot);
    },

    /**
     * Lets go of what a pass listed once it derived its statuses; a pass
     * still reading the same refs then reads them from the caches.
     */
    release(refs: AwsSecretRef[]) {
      refs.forEach(ref => listed.delete(refKey(ref)));
    },

    /** `AwsSecretsService.read` for the engines of a fleet pass. */
    async read(ref: AwsSecretRef): Promise<AwsSecretSnapshot> {
      const snapshot = listed.get(refKey(ref)) ?? (await aws.readMetadata(ref));
      const digests = snapshot.exists
        ? await withoutValues(ref, snapshot).catch(() => undefined)
        : undefined;
      return digests ? { ...snapshot, valueDigests: digests } : aws.read(ref);
    },
  };
}
