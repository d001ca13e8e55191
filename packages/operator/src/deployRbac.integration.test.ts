import fs from 'node:fs';
import path from 'node:path';
import {
  CoreV1Api,
  KubeConfig,
  loadAllYaml,
  RbacAuthorizationV1Api,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1Role,
  V1RoleBinding,
} from '@kubernetes/client-node';
import { kubeConfigFor, readSandbox } from '@internal/sandbox';
import {
  AwsFixture,
  ClusterFixture,
  isolatedContract,
  startTestOperator,
  TestOperator,
  uniqueId,
  waitFor,
  waitForIdle,
} from './__testUtils__/sandboxHarness';

jest.setTimeout(90_000);

const DEPLOY_DIR = path.resolve(__dirname, '..', 'deploy');

function manifests<T>(file: string, kind: string): T[] {
  return (
    loadAllYaml(fs.readFileSync(path.join(DEPLOY_DIR, file), 'utf8')) as Array<{
      kind: string;
    }>
  ).filter(doc => doc.kind === kind) as T[];
}

/**
 * Runs the operator as a ServiceAccount bound to exactly the RBAC of
 * deploy/, so the shipped manifests are proven sufficient, and checks that
 * they grant nothing beyond the contract's Secret.
 */
describe('deploy/ RBAC, live', () => {
  const runId = uniqueId();
  const contract = isolatedContract(runId);
  const cluster = ClusterFixture.for('dev', contract);
  const admin = kubeConfigFor('dev', 'admin');
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  const core = admin.makeApiClient(CoreV1Api);
  const operatorNamespace = `opns-${runId}`;
  const clusterRoleName = `optest-${runId}-secrets-sync-operator`;
  let test: TestOperator | undefined;

  afterAll(async () => {
    await test?.stop();
    await rbac
      .deleteClusterRoleBinding({ name: clusterRoleName })
      .catch(() => undefined);
    await rbac
      .deleteClusterRole({ name: clusterRoleName })
      .catch(() => undefined);
  });

  async function serviceAccountKubeConfig(): Promise<KubeConfig> {
    await core.createNamespace({
      body: { metadata: { name: operatorNamespace } },
    });
    await core.createNamespacedServiceAccount({
      namespace: operatorNamespace,
      body: { metadata: { name: 'secrets-sync-operator' } },
    });
    const [clusterRole] = manifests<V1ClusterRole>(
      'clusterrole.yaml',
      'ClusterRole',
    );
    const [clusterRoleBinding] = manifests<V1ClusterRoleBinding>(
      'clusterrole.yaml',
      'ClusterRoleBinding',
    );
    await rbac.createClusterRole({
      body: { ...clusterRole, metadata: { name: clusterRoleName } },
    });
    await rbac.createClusterRoleBinding({
      body: {
        ...clusterRoleBinding,
        metadata: { name: clusterRoleName },
        roleRef: { ...clusterRoleBinding.roleRef, name: clusterRoleName },
        subjects: clusterRoleBinding.subjects!.map(s => ({
          ...s,
          namespace: operatorNamespace,
        })),
      },
    });
    const [role] = manifests<V1Role>('role.yaml', 'Role');
    const [roleBinding] = manifests<V1RoleBinding>('role.yaml', 'RoleBinding');
    await rbac.createNamespacedRole({
      namespace: operatorNamespace,
      body: role,
    });
    await rbac.createNamespacedRoleBinding({
      namespace: operatorNamespace,
      body: {
        ...roleBinding,
        subjects: roleBinding.subjects!.map(s => ({
          ...s,
          namespace: operatorNamespace,
        })),
      },
    });
    const token = await core.createNamespacedServiceAccountToken({
      name: 'secrets-sync-operator',
      namespace: operatorNamespace,
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
    const { server, caFile } = readSandbox().clusters.dev;
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'dev', server, caFile }],
      users: [{ name: 'sa', token: token.status!.token }],
      contexts: [{ name: 'dev', cluster: 'dev', user: 'sa' }],
      currentContext: 'dev',
    });
    return kubeConfig;
  }

  it('lets the operator do its whole job and nothing more', async () => {
    const kubeConfig = await serviceAccountKubeConfig();
    const aws = await AwsFixture.for('dev', contract);
    test = await startTestOperator({
      cluster: 'dev',
      contract,
      kubeConfig,
      leaseName: 'secrets-sync-operator',
      leaseNamespace: operatorNamespace,
    });
    await waitFor('leadership on the Lease the Role names', async () =>
      test!.operator.isLeader(),
    );

    const t = `rbac-${uniqueId()}`;
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'v1' });
    await cluster.createNamespace(ns, { optedIn: true });
    await waitFor('create', () => cluster.secretData(ns));
    await aws.put(t, { TOKEN: 'v2' });
    await cluster.forceSync(ns);
    await waitFor(
      'update',
      async () => (await cluster.secretData(ns))?.TOKEN === 'v2',
    );
    await cluster.optOut(ns);
    await waitFor('delete', async () =>
      (await cluster.readSecret(ns)) === undefined ? true : undefined,
    );
    // the delete's Event is recorded after the delete
    await waitForIdle(test!.operator);
    const reasons = (await cluster.events(ns)).map(e => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'SecretCreated',
        'SecretUpdated',
        'SecretDeleted',
      ]),
    );
    expect(test.logs.join('\n')).not.toMatch(/HTTP 403/);

    const asOperator = kubeConfig.makeApiClient(CoreV1Api);
    await cluster.createSecret({
      namespace: ns,
      name: 'other',
      data: { A: 'x' },
    });
    await expect(
      asOperator.readNamespacedSecret({ namespace: ns, name: 'other' }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(
      asOperator.listNamespacedSecret({ namespace: ns }),
    ).rejects.toMatchObject({
      code: 403,
    });
    await expect(
      asOperator.patchNamespace({ name: ns, body: [] }),
    ).rejects.toMatchObject({ code: 403 });
  });
});
