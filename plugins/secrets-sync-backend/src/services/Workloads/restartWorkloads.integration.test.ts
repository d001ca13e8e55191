import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { PrivateCluster, startPrivateCluster } from '@internal/sandbox';
import { AppsV1Api, CoreV1Api, V1ReplicaSet } from '@kubernetes/client-node';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readSecretsSyncConfig } from '../../config';
import {
  sandboxConfigData,
  uniqueName,
} from '../../__testUtils__/sandboxConfig';
import { createAwsClients, createAwsSecretsService } from '../AwsSecrets';
import { createKubernetesService } from '../Kubernetes';
import { createSyncEngines } from '../SyncEngine';
import { createWorkloadsService } from './createWorkloadsService';

const SCRIPTS = path.resolve(
  __dirname,
  '../../../../../packages/sandbox/scripts',
);
const SECRET = 'build-secrets';
const CANARY = 'CANARY-restart-4e1b-never-leaves';

/** Waits for a condition the cluster reports, polling the API server. */
async function until<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/**
 * A restart against a private kube-apiserver with the real
 * kube-controller-manager running the deployment and replicaset
 * controllers only: the restart makes a new ReplicaSet and its pods, which
 * stay unready (no scheduler, no kubelet), and the rollout says just that.
 */
describe('restarting a consuming Deployment against the real controllers', () => {
  let cluster: PrivateCluster;
  let controllers: ChildProcess | undefined;
  let controllerLog = '';

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(
      'bash',
      [path.join(SCRIPTS, 'build-kube-controller-manager.sh')],
      { maxBuffer: 1 << 20 },
    );
    cluster = await startPrivateCluster('restart');
    const stateDir = path.dirname(cluster.caFile);
    controllers = spawn(
      stdout.trim(),
      [
        `--kubeconfig=${path.join(stateDir, 'admin.kubeconfig')}`,
        '--controllers=deployment,replicaset',
        '--leader-elect=false',
        '--use-service-account-credentials=false',
        '--secure-port=0',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    controllers.stderr?.on('data', chunk => {
      controllerLog = (controllerLog + String(chunk)).slice(-4000);
    });
  }, 900_000);

  afterAll(async () => {
    if (controllers?.pid && controllers.exitCode === null) {
      const exited = new Promise(resolve => controllers!.once('exit', resolve));
      controllers.kill('SIGTERM');
      await exited;
    }
    await cluster?.stop();
  });

  function service() {
    const data = sandboxConfigData();
    // the dev environment, on this test's own cluster
    data.secretsSync.environments = data.secretsSync.environments
      .filter(env => env.name === 'dev')
      .map(env => ({
        ...env,
        kubernetes: {
          ...env.kubernetes,
          name: 'restart',
          url: cluster.server,
          caFile: cluster.caFile,
        },
      }));
    const config = new ConfigReader(data);
    const [environment] = readSecretsSyncConfig(config).environments;
    const credentialsManager = DefaultAwsCredentialsManager.fromConfig(config);
    const kubernetes = createKubernetesService({ credentialsManager });
    const engines = createSyncEngines({
      aws: createAwsSecretsService({
        clients: createAwsClients({ credentialsManager }),
        metadataTtlMs: 0,
      }),
      kubernetes,
      pendingGracePeriodMs: 120_000,
    });
    return {
      environment,
      workloads: createWorkloadsService({ engines, kubernetes }),
    };
  }

  it('stamps the pod template, and the rollout reports the new ReplicaSet and its unready pods', async () => {
    const admin = cluster.kubeConfigFor('admin');
    const core = admin.makeApiClient(CoreV1Api);
    const apps = admin.makeApiClient(AppsV1Api);
    const tenantKey = uniqueName('restart');
    const namespace = `sites-${tenantKey}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: SECRET }, stringData: { TOKEN: CANARY } },
    });
    const labels = { app: 'web' };
    const podSpec = {
      containers: [
        {
          name: 'app',
          image: 'app:1',
          envFrom: [{ secretRef: { name: SECRET } }],
        },
      ],
    };
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: podSpec },
        },
      },
    });
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: {
          name: 'reloaded',
          annotations: { 'reloader.stakater.com/auto': 'true' },
        },
        spec: {
          selector: { matchLabels: { app: 'reloaded' } },
          template: {
            metadata: { labels: { app: 'reloaded' } },
            spec: podSpec,
          },
        },
      },
    });
    const replicaSets = async () =>
      (
        await apps.listNamespacedReplicaSet({
          namespace,
          labelSelector: 'app=web',
        })
      ).items;
    const [first] = await until('the first ReplicaSet', async () => {
      const items = await replicaSets();
      return items.length === 1 ? items : undefined;
    }).catch(error => {
      throw new Error(
        `${error.message}; controller manager said: ${controllerLog}`,
      );
    });

    const { environment, workloads } = service();
    const target = {
      environment,
      tenantKey,
      entityRef: `component:default/${tenantKey}`,
    };

    // only what the backend found consuming the Secret, and not Reloader's
    await expect(
      workloads.plan(target, [{ kind: 'Deployment', name: 'reloaded' }]),
    ).rejects.toThrow(/can be restarted/);
    const refused = await workloads
      .plan(target, [{ kind: 'Deployment', name: `elsewhere-${CANARY}` }])
      .catch((error: Error) => error);
    expect(String(refused)).toMatch(/can be restarted/);
    expect(String(refused)).not.toContain(CANARY);

    const plan = await workloads.plan(target, [
      { kind: 'Deployment', name: 'web' },
      { kind: 'Deployment', name: 'web' },
    ]);
    expect(plan.workloads).toEqual([{ kind: 'Deployment', name: 'web' }]);
    const started = await workloads.restart(plan);
    const restartedAt = started.workloads[0].restartedAt;
    // the Secret's value is in the cluster, never in what a restart answers
    expect(JSON.stringify(started)).not.toContain(CANARY);
    expect(restartedAt).toBeInstanceOf(Date);

    const deployment = await apps.readNamespacedDeployment({
      namespace,
      name: 'web',
    });
    expect(
      deployment.spec?.template.metadata?.annotations?.[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBe(restartedAt!.toISOString().replace(/\.\d{3}Z$/, 'Z'));

    const fresh: V1ReplicaSet = await until('the new ReplicaSet', async () =>
      (
        await replicaSets()
      ).find(rs => rs.metadata?.uid !== first.metadata?.uid),
    );
    // the default rolling update surges by one pod (25% of 2, rounded up)
    // and takes none away (rounded down): with no kubelet the new pod never
    // becomes ready, so the rollout stays at one new pod, truthfully
    const rollout = await until('the new pod counted', async () => {
      const [current] = (await workloads.rollouts(target)).workloads;
      return current?.updatedReplicas === 1 ? current : undefined;
    });
    expect(rollout).toEqual({
      kind: 'Deployment',
      name: 'web',
      restartedAt,
      phase: 'progressing',
      desiredReplicas: 2,
      updatedReplicas: 1,
      readyReplicas: 0,
      newReplicaSet: fresh.metadata?.name,
    });
    expect(JSON.stringify(await workloads.rollouts(target))).not.toContain(
      CANARY,
    );
    const pods = await core.listNamespacedPod({ namespace });
    expect(
      pods.items.filter(pod =>
        pod.metadata?.ownerReferences?.some(o => o.uid === fresh.metadata?.uid),
      ),
    ).toHaveLength(1);
  }, 180_000);
});
