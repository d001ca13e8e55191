import type { V1Secret } from '@kubernetes/client-node';
import { SECRETS_SYNC_AWS_VERSION_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import { SECRETS } from './clusterResources';
import { toSecretSummary } from './secretSummary';

const CANARY = 'CANARY-last-applied-4b1e';

/** A Secret as `kubectl apply` leaves it: the manifest, values included, in an annotation. */
function applied(): V1Secret {
  const manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'build-secrets', namespace: 'sites-web' },
    stringData: { TOKEN: CANARY },
  };
  return {
    metadata: {
      name: 'build-secrets',
      namespace: 'sites-web',
      uid: 'u-1',
      resourceVersion: '42',
      creationTimestamp: new Date('2024-01-01T00:00:00Z'),
      labels: { 'deco.sites/managed-by': 'operator' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration':
          JSON.stringify(manifest),
        note: CANARY,
      },
      ownerReferences: [
        { apiVersion: 'v1', kind: 'ExternalSecret', name: 'es', uid: 'u-2' },
      ],
      managedFields: [
        {
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          time: new Date('2024-01-02T00:00:00Z'),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:TOKEN': {} } },
        },
        {
          manager: 'operator',
          operation: 'Update',
          time: new Date('2024-01-03T00:00:00Z'),
        },
      ],
    },
    data: { TOKEN: Buffer.from(CANARY).toString('base64') },
  };
}

describe('toSecretSummary', () => {
  it.each([
    ['a direct read', (secret: V1Secret) => toSecretSummary(secret)],
    [
      'the watch cache',
      (secret: V1Secret) =>
        SECRETS.transform(JSON.parse(JSON.stringify(secret))),
    ],
  ])(
    'keeps from %s no annotation, no managed field and no value',
    (_, keep) => {
      const kept = keep(applied());
      const text = JSON.stringify(kept);
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(Buffer.from(CANARY).toString('base64'));
      expect(text).not.toContain('last-applied');
      expect(text).not.toContain('kubectl-client-side-apply');
      expect(text).not.toContain('fieldsV1');
      expect(Object.keys(kept.metadata).sort()).toEqual([
        'creationTimestamp',
        'labels',
        'name',
        'namespace',
        'ownerReferences',
        'resourceVersion',
        'uid',
      ]);
      expect(kept).toMatchObject({
        metadata: {
          name: 'build-secrets',
          namespace: 'sites-web',
          uid: 'u-1',
          resourceVersion: '42',
          labels: { 'deco.sites/managed-by': 'operator' },
          ownerReferences: [expect.objectContaining({ name: 'es' })],
        },
        updatedAt: new Date('2024-01-03T00:00:00Z'),
        valueDigests: { TOKEN: expect.any(String) },
      });
    },
  );

  it.each([
    ['a direct read', (secret: V1Secret) => toSecretSummary(secret)],
    [
      'the watch cache',
      (secret: V1Secret) =>
        SECRETS.transform(JSON.parse(JSON.stringify(secret))),
    ],
  ])("keeps from %s the operator's AWS version stamp, an id", (_, keep) => {
    const secret = applied();
    secret.metadata!.annotations![SECRETS_SYNC_AWS_VERSION_ANNOTATION] = 'v-7';
    const kept = keep(secret);
    expect(kept.awsVersionStamp).toBe('v-7');
    expect(JSON.stringify(kept)).not.toContain(CANARY);
  });

  it('takes the creation time as the update time when nothing else wrote it', () => {
    const secret = applied();
    delete secret.metadata!.managedFields;
    expect(toSecretSummary(secret).updatedAt).toEqual(
      new Date('2024-01-01T00:00:00Z'),
    );
    expect(toSecretSummary({}).updatedAt).toBeUndefined();
  });
});
