import type { V1Namespace } from '@kubernetes/client-node';
import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT } from '@internal/plugin-secrets-sync-common';
import type { AwsSecretRef, AwsSecretSnapshot } from '../AwsSecrets';
import type { ClusterConfig, SecretSummary } from '../Kubernetes';
import { namespaceAnnotationEngine } from '../SyncEngine/engines/namespace-annotation';
import type { NamespaceAnnotationFacts } from '../SyncEngine/engines/namespace-annotation/engine';
import {
  createVersionTrustingReader,
  digestsByVersion,
  StampedSecretLocation,
} from './versionTrust';

const contract = DEFAULT_NAMESPACE_ANNOTATION_CONTRACT;
const NOW = new Date('2026-06-01T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(NOW.getTime() - minutes * 60_000);
const GRACE = { gracePeriodMs: 120_000 };

const ref: AwsSecretRef = {
  accountId: '000000000000',
  region: 'eu-west-1',
  name: 'sites/acme/build',
};
const cluster = { name: 'dev' } as ClusterConfig;
const location: StampedSecretLocation = {
  cluster,
  namespace: 'sites-acme',
  contract,
  bindsByNamespace: true,
};

/** AWS at version `versionId`, holding `digests`. */
function awsAt(
  versionId: string,
  digests: Record<string, string>,
  lastChangedAt = minutesAgo(10),
): AwsSecretSnapshot {
  return {
    exists: true,
    managed: true,
    versionId,
    lastChangedAt,
    valueDigests: digests,
  };
}

/** The operator's Secret, stamped with `stamp` when given. */
function secretOf(
  digests: Record<string, string>,
  stamp?: string,
  updatedAt = minutesAgo(9),
): SecretSummary {
  return {
    metadata: { name: contract.secretName, labels: contract.ownerLabels },
    updatedAt,
    valueDigests: digests,
    ...(stamp ? { awsVersionStamp: stamp } : {}),
  };
}

const metadataOnly = ({
  valueDigests: _digests,
  ...snapshot
}: AwsSecretSnapshot) => snapshot;

describe('digestsByVersion: what the fleet takes from a version stamp', () => {
  const aws = awsAt('v2', { A: 'a2' });

  it('stamp equal to the current version: the Secret holds that version', () => {
    expect(
      digestsByVersion(
        metadataOnly(aws),
        secretOf({ A: 'a2' }, 'v2'),
        contract,
      ),
    ).toEqual({ A: 'a2' });
  });

  it('stamp naming another version: no answer, the values are compared', () => {
    expect(
      digestsByVersion(
        metadataOnly(aws),
        secretOf({ A: 'a1' }, 'v1'),
        contract,
      ),
    ).toBeUndefined();
  });

  it('no stamp (another operator): no answer', () => {
    expect(
      digestsByVersion(metadataOnly(aws), secretOf({ A: 'a2' }), contract),
    ).toBeUndefined();
  });

  it('no Secret, a Secret without the owner labels, or a secret being deleted: no answer', () => {
    expect(
      digestsByVersion(metadataOnly(aws), undefined, contract),
    ).toBeUndefined();
    expect(
      digestsByVersion(
        metadataOnly(aws),
        { ...secretOf({ A: 'a2' }, 'v2'), metadata: { labels: {} } },
        contract,
      ),
    ).toBeUndefined();
    expect(
      digestsByVersion(
        { ...metadataOnly(aws), deletionScheduledAt: minutesAgo(1) },
        secretOf({ A: 'a2' }, 'v2'),
        contract,
      ),
    ).toBeUndefined();
  });
});

describe('the fleet status by version, against the topology by digests', () => {
  /** A cluster and an AWS account as the caches hold them. */
  function world(options: {
    aws: AwsSecretSnapshot;
    secret?: SecretSummary;
    namespace?: boolean;
  }) {
    const namespace: V1Namespace = {
      metadata: {
        name: location.namespace,
        annotations: { [contract.optInAnnotation]: contract.enabledValue },
      },
    };
    const aws = {
      read: jest.fn(async () => options.aws),
      readMetadata: jest.fn(async () => metadataOnly(options.aws)),
    };
    const kubernetes = {
      getNamespace: jest.fn(async () =>
        options.namespace === false ? undefined : namespace,
      ),
      getSecret: jest.fn(async () => options.secret),
    };
    const reader = createVersionTrustingReader({ aws, kubernetes });
    reader.locate(ref, location);
    const factsWith = (
      snapshot: AwsSecretSnapshot,
    ): NamespaceAnnotationFacts => ({
      readAt: NOW,
      aws: { ref, read: { value: snapshot } },
      namespace: { name: location.namespace, read: { value: namespace } },
      optedIn: true,
      secret: {
        name: contract.secretName,
        read: { value: options.secret },
        owned: options.secret !== undefined,
      },
      workloads: { value: { workloads: [], pods: [] } as never },
    });
    return {
      aws,
      reader,
      /** The status of the entity's topology: digests compared. */
      topologyStatus: () =>
        namespaceAnnotationEngine.derive(factsWith(options.aws), GRACE).status,
      /** The status of the fleet: through the stamp where it answers. */
      fleetStatus: async () =>
        namespaceAnnotationEngine.derive(
          factsWith(await reader.read(ref)),
          GRACE,
        ).status,
    };
  }

  it('stamp equal: synced, as the topology says, and no value is read', async () => {
    const w = world({
      aws: awsAt('v2', { A: 'a2' }),
      secret: secretOf({ A: 'a2' }, 'v2'),
    });
    expect(await w.fleetStatus()).toBe('synced');
    expect(w.topologyStatus()).toBe('synced');
    expect(w.aws.read).not.toHaveBeenCalled();
    expect(await w.reader.readValues(ref, 'v2')).toBe(false);
  });

  it('stamp unequal within the grace period: pending, values compared', async () => {
    const w = world({
      aws: awsAt('v2', { A: 'a2' }, minutesAgo(1)),
      secret: secretOf({ A: 'a1' }, 'v1', minutesAgo(9)),
    });
    expect(await w.fleetStatus()).toBe('pending');
    expect(w.topologyStatus()).toBe('pending');
    expect(w.aws.read).toHaveBeenCalled();
    expect(await w.reader.readValues(ref, 'v2')).toBe(true);
  });

  it('stamp unequal past the grace period: drifted, as the topology says', async () => {
    const w = world({
      aws: awsAt('v2', { A: 'a2' }, minutesAgo(10)),
      secret: secretOf({ A: 'a1' }, 'v1', minutesAgo(20)),
    });
    expect(await w.fleetStatus()).toBe('drifted');
    expect(w.topologyStatus()).toBe('drifted');
  });

  it('a new version with the same values, stamp not yet moved: synced by digests', async () => {
    const w = world({
      aws: awsAt('v3', { A: 'a2' }, minutesAgo(1)),
      secret: secretOf({ A: 'a2' }, 'v2'),
    });
    expect(await w.fleetStatus()).toBe('synced');
    expect(w.topologyStatus()).toBe('synced');
  });

  it('stamp absent (a third-party operator): compared by digests', async () => {
    const w = world({
      aws: awsAt('v2', { A: 'a2' }, minutesAgo(10)),
      secret: secretOf({ A: 'edited' }, undefined, minutesAgo(1)),
    });
    expect(await w.fleetStatus()).toBe('drifted');
    expect(w.topologyStatus()).toBe('drifted');
    expect(w.aws.read).toHaveBeenCalled();
    expect(await w.reader.readValues(ref, 'v2')).toBe(true);
  });

  it('stamp equal but data edited by hand: the fleet trusts the stamp, the topology shows the drift', async () => {
    const w = world({
      aws: awsAt('v2', { A: 'a2' }, minutesAgo(10)),
      secret: secretOf({ A: 'edited' }, 'v2', minutesAgo(1)),
    });
    expect(await w.fleetStatus()).toBe('synced');
    expect(w.topologyStatus()).toBe('drifted');
  });

  it('a missing namespace needs no values where the binding is the namespace', async () => {
    const w = world({ aws: awsAt('v2', { A: 'a2' }), namespace: false });
    expect(await w.reader.readValues(ref, 'v2')).toBe(false);
    await w.reader.read(ref);
    expect(w.aws.read).not.toHaveBeenCalled();
  });

  it('takes the metadata a pass listed from the listing, and from the caches once the pass let go', async () => {
    const w = world({
      aws: awsAt('v2', { A: 'a2' }),
      secret: secretOf({ A: 'a2' }, 'v2'),
    });
    w.reader.listed(ref, metadataOnly(awsAt('v2', { A: 'a2' })));
    expect(await w.fleetStatus()).toBe('synced');
    expect(w.aws.readMetadata).not.toHaveBeenCalled();
    expect(w.aws.read).not.toHaveBeenCalled();

    w.reader.release([ref]);
    expect(await w.fleetStatus()).toBe('synced');
    expect(w.aws.readMetadata).toHaveBeenCalledWith(ref);
  });

  it('a secret the fleet did not locate is read as the topology reads it', async () => {
    const w = world({ aws: awsAt('v2', { A: 'a2' }) });
    const other = { ...ref, name: 'elsewhere' };
    expect(await w.reader.readValues(other, 'v2')).toBe(true);
    await w.reader.read(other);
    expect(w.aws.read).toHaveBeenCalledWith(other);
  });
});
