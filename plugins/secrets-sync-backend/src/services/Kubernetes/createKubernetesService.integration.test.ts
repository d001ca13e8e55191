import { CoreV1Api } from '@kubernetes/client-node';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { SANDBOX_TOKENS, kubeConfigFor, readSandbox } from '@internal/sandbox';
import { sandboxConfig, uniqueName } from '../../__testUtils__/sandboxConfig';
import { digestValue } from '../../lib/infra/valueDigest';
import { createKubernetesService } from './createKubernetesService';
import { ClusterConfig } from './types';

describe('createKubernetesService against the real kube-apiserver', () => {
  const sandbox = readSandbox();
  const kubernetes = createKubernetesService({
    credentialsManager: DefaultAwsCredentialsManager.fromConfig(
      sandboxConfig(),
    ),
  });
  const admin = kubeConfigFor('dev', 'admin').makeApiClient(CoreV1Api);
  const cluster = (
    token: string,
    url = sandbox.clusters.dev.server,
  ): ClusterConfig => ({
    name: `dev-${token}`,
    url,
    caFile: sandbox.clusters.dev.caFile,
    skipTLSVerify: false,
    auth: { type: 'serviceAccountToken', token },
    aws: { accountId: '111111111111', region: 'us-east-1' },
  });
  const backend = cluster(SANDBOX_TOKENS.backend);

  async function namespaceWith(annotations: Record<string, string>) {
    const name = uniqueName('sites-kube');
    await admin.createNamespace({ body: { metadata: { name, annotations } } });
    return name;
  }

  it('reads a namespace, and reports a missing one as absent', async () => {
    const name = await namespaceWith({ team: 'checkout' });
    expect(
      (await kubernetes.getNamespace(backend, name))?.metadata?.annotations,
    ).toEqual({ team: 'checkout' });
    await expect(
      kubernetes.getNamespace(backend, uniqueName('missing')),
    ).resolves.toBeUndefined();
  });

  it('changes annotations by merge patch, leaving the others alone', async () => {
    const name = await namespaceWith({
      team: 'checkout',
      'deco.sites/build-secrets-sync': '1',
    });
    await kubernetes.patchNamespaceAnnotations(backend, name, {
      'deco.sites/build-secrets-managed': 'enabled',
      'deco.sites/build-secrets-sync': null,
    });
    const { metadata } = await admin.readNamespace({ name });
    expect(metadata?.annotations).toEqual({
      team: 'checkout',
      'deco.sites/build-secrets-managed': 'enabled',
    });
  });

  it('reads a Secret, and reports a missing one as absent', async () => {
    const namespace = await namespaceWith({});
    await admin.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'build-secrets' }, stringData: { A: '1' } },
    });
    const secret = await kubernetes.getSecret(
      backend,
      namespace,
      'build-secrets',
    );
    // values are never kept: only a digest of each, to compare with AWS
    expect(secret!.valueDigests).toEqual({ A: digestValue('1') });
    expect(secret).not.toHaveProperty('data');
    await expect(
      kubernetes.getSecret(backend, namespace, 'other'),
    ).resolves.toBeUndefined();
  });

  it('reports RBAC denials as access denied, naming what was refused', async () => {
    const name = await namespaceWith({});
    await expect(
      kubernetes.patchNamespaceAnnotations(
        cluster(SANDBOX_TOKENS.readonly),
        name,
        { a: 'b' },
      ),
    ).rejects.toMatchObject({
      reason: 'access-denied',
      hop: 'kubernetes',
      message: expect.stringMatching(
        /annotate namespace .*access denied.*forbidden.*cannot patch resource "namespaces"/,
      ),
    });
    const error = await kubernetes
      .getNamespace(cluster('not-a-valid-token'), name)
      .catch(e => e);
    expect({ reason: error.reason, message: error.message }).toEqual({
      reason: 'access-denied',
      message: expect.stringMatching(/HTTP 401: .*Unauthorized/),
    });
  });

  it('reports a cluster that does not answer as unreachable', async () => {
    await expect(
      kubernetes.getNamespace(
        cluster(SANDBOX_TOKENS.backend, 'https://127.0.0.1:1'),
        'x',
      ),
    ).rejects.toMatchObject({
      reason: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
