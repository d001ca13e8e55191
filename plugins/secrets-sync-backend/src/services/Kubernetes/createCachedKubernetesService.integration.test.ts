import { mockServices } from '@backstage/backend-test-utils';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { kubeConfigFor } from '@internal/sandbox';
import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { countRequests } from '../../__testUtils__/countRequests';
import {
  sandboxConfig,
  sandboxDevCluster,
  uniqueName,
} from '../../__testUtils__/sandboxConfig';
import { createClusterReader } from './createClusterReader';
import { createKubernetesService } from './createKubernetesService';

describe('watch caches against the real kube-apiserver', () => {
  const admin = kubeConfigFor('dev', 'admin').makeApiClient(CoreV1Api);
  const { cluster, cache } = sandboxDevCluster();
  const counter = countRequests({
    aws: 'none',
    kubernetes: [new URL(cluster.url).host],
  });
  const kubernetes = createClusterReader({
    credentialsManager: DefaultAwsCredentialsManager.fromConfig(
      sandboxConfig(),
    ),
    cache,
    logger: mockServices.logger.mock(),
  });
  const name = uniqueName('cache');

  beforeAll(async () => {
    await admin.createNamespace({
      body: { metadata: { name, annotations: { step: 'created' } } },
    });
  });

  afterAll(() => {
    kubernetes.stop();
    counter.stop();
  });

  it('reads the API server until the cache is listed, then the cache', async () => {
    counter.take();
    const first = await kubernetes.getNamespace(cluster, name);
    expect(first?.metadata?.annotations).toEqual({ step: 'created' });
    expect(counter.take().kubernetes).toMatchObject({
      [`GET /api/v1/namespaces/${name}`]: 1,
    });
    await kubernetes.warmUp([{ cluster }], 10_000);
    counter.take();
    await expect(kubernetes.getNamespace(cluster, name)).resolves.toEqual(
      expect.objectContaining({
        metadata: expect.objectContaining({ name }),
      }),
    );
    await expect(
      kubernetes.getNamespace(cluster, uniqueName('absent')),
    ).resolves.toBeUndefined();
    expect(counter.take().kubernetesTotal).toBe(0);
  });

  it('shows our own write at once, then serves it from the cache', async () => {
    await kubernetes.patchNamespaceAnnotations(cluster, name, {
      step: 'ours',
    });
    const after = await kubernetes.getNamespace(cluster, name);
    expect(after?.metadata?.annotations?.step).toBe('ours');
    // once the watch has delivered the write, reads are the cache's again
    for (let i = 0; i < 50; i++) {
      counter.take();
      await kubernetes.getNamespace(cluster, name);
      if (counter.take().kubernetesTotal === 0) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error('the cache never caught up with our write');
  });

  it("sees another writer's change through the watch", async () => {
    await admin.patchNamespace(
      { name, body: { metadata: { annotations: { step: 'theirs' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    counter.take();
    let seen: string | undefined;
    for (let i = 0; i < 50 && seen !== 'theirs'; i++) {
      seen = (await kubernetes.getNamespace(cluster, name))?.metadata
        ?.annotations?.step;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(seen).toBe('theirs');
    expect(counter.take().kubernetesTotal).toBe(0);
  });

  it('never keeps a Secret value, only digests', async () => {
    const CANARY = `CANARY-${uniqueName('v')}`;
    await admin.createNamespacedSecret({
      namespace: name,
      body: { metadata: { name: 's' }, stringData: { A: CANARY } },
    });
    let secret;
    for (let i = 0; i < 50 && !secret; i++) {
      secret = await kubernetes.getSecret(cluster, name, 's');
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    const kept = JSON.stringify(secret);
    expect(kept).toContain('"A"');
    expect(kept).not.toContain(CANARY);
    expect(kept).not.toContain(Buffer.from(CANARY).toString('base64'));
  });

  it('keeps no annotation of a Secret, whose last-applied-configuration holds its values, in the cache nor from a direct read', async () => {
    const CANARY = `CANARY-${uniqueName('applied')}`;
    const manifest = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'applied', namespace: name },
      stringData: { TOKEN: CANARY },
    };
    // what `kubectl apply` leaves on the object
    await admin.createNamespacedSecret({
      namespace: name,
      body: {
        metadata: {
          name: 'applied',
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration':
              JSON.stringify(manifest),
          },
        },
        stringData: { TOKEN: CANARY },
      },
    });
    await kubernetes.warmUp([{ cluster }], 10_000);
    let cached;
    for (let i = 0; i < 50 && !cached; i++) {
      counter.take();
      cached = await kubernetes.getSecret(cluster, name, 'applied');
      if (cached && counter.take().kubernetesTotal !== 0) {
        // read from the API server: the watch has not delivered it yet
        cached = undefined;
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(cached).toBeDefined();
    const direct = await createKubernetesService({
      credentialsManager: DefaultAwsCredentialsManager.fromConfig(
        sandboxConfig(),
      ),
    }).getSecret(cluster, name, 'applied');
    for (const kept of [cached, direct]) {
      const text = JSON.stringify(kept);
      expect(text).toContain('"TOKEN"');
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(Buffer.from(CANARY).toString('base64'));
      expect(text).not.toContain('last-applied-configuration');
      expect(kept?.metadata).not.toHaveProperty('annotations');
      expect(kept?.updatedAt).toBeInstanceOf(Date);
    }
  });
});
