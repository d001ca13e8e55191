import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { kubeConfigFor } from '@internal/sandbox';
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  PatchStrategy,
  V1PodSpec,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { mockServices } from '@backstage/backend-test-utils';
import { findConsumers } from '../../lib/domain/findConsumers';
import { countRequests } from '../../__testUtils__/countRequests';
import {
  sandboxConfig,
  sandboxDevCluster,
  uniqueName,
} from '../../__testUtils__/sandboxConfig';
import { createClusterReader } from './createClusterReader';
import { createKubernetesService } from './createKubernetesService';
import type { KubernetesService } from './types';

const SECRET = 'build-secrets';

/**
 * Consumers of a Secret of every workload kind, read from the real
 * kube-apiserver both directly and through the watch caches. No
 * controllers run there: pods are created as their controllers would and
 * their status is written as a kubelet would.
 */
describe('consumers of a Secret against the real kube-apiserver', () => {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const apps = admin.makeApiClient(AppsV1Api);
  const batch = admin.makeApiClient(BatchV1Api);
  const { cluster, cache } = sandboxDevCluster();
  const credentialsManager = DefaultAwsCredentialsManager.fromConfig(
    sandboxConfig(),
  );
  const cached = createClusterReader({
    credentialsManager,
    cache,
    logger: mockServices.logger.mock(),
  });
  const namespace = uniqueName('consumers');
  const hourAgo = new Date(Date.now() - 3_600_000);
  const inAnHour = new Date(Date.now() + 3_600_000);

  const container = (via: Partial<V1PodSpec['containers'][number]>) => ({
    name: 'app',
    image: 'app:1',
    ...via,
  });
  const byEnvFrom = {
    containers: [container({ envFrom: [{ secretRef: { name: SECRET } }] })],
  };
  const byEnv = {
    containers: [
      container({
        env: [
          {
            name: 'TOKEN',
            valueFrom: { secretKeyRef: { name: SECRET, key: 'TOKEN' } },
          },
        ],
      }),
    ],
  };
  const byVolume = {
    containers: [container({})],
    volumes: [{ name: 's', secret: { secretName: SECRET } }],
  };
  const byProjectedVolume = {
    containers: [container({})],
    volumes: [
      { name: 's', projected: { sources: [{ secret: { name: SECRET } }] } },
    ],
  };
  const unrelated = {
    containers: [container({ envFrom: [{ secretRef: { name: 'other' } }] })],
  };

  async function pod(
    name: string,
    labels: Record<string, string>,
    spec: V1PodSpec,
    startTime: Date,
    ownerKind?: string,
  ) {
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: {
          name,
          labels,
          ...(ownerKind
            ? {
                ownerReferences: [
                  {
                    apiVersion: 'apps/v1',
                    kind: ownerKind,
                    name: `${name}-owner`,
                    uid: '00000000-0000-0000-0000-000000000000',
                  },
                ],
              }
            : {}),
        },
        spec,
      },
    });
    await core.patchNamespacedPodStatus(
      { namespace, name, body: { status: { phase: 'Running', startTime } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  const template = (labels: Record<string, string>, spec: V1PodSpec) => ({
    metadata: { labels },
    spec,
  });

  beforeAll(async () => {
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: SECRET }, stringData: { TOKEN: 'x' } },
    });
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: template({ app: 'web' }, byEnvFrom),
        },
      },
    });
    await apps.createNamespacedStatefulSet({
      namespace,
      body: {
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: template({ app: 'db' }, byEnv),
        },
      },
    });
    await apps.createNamespacedDaemonSet({
      namespace,
      body: {
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: template({ app: 'agent' }, byVolume),
        },
      },
    });
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'unrelated' },
        spec: {
          selector: { matchLabels: { app: 'unrelated' } },
          template: template({ app: 'unrelated' }, unrelated),
        },
      },
    });
    await batch.createNamespacedJob({
      namespace,
      body: {
        metadata: { name: 'migrate' },
        spec: {
          template: template({}, { ...byEnvFrom, restartPolicy: 'Never' }),
        },
      },
    });
    await batch.createNamespacedCronJob({
      namespace,
      body: {
        metadata: { name: 'report' },
        spec: {
          schedule: '0 * * * *',
          jobTemplate: {
            spec: {
              template: template(
                {},
                { ...byProjectedVolume, restartPolicy: 'Never' },
              ),
            },
          },
        },
      },
    });
    await pod('web-1', { app: 'web' }, byEnvFrom, hourAgo, 'ReplicaSet');
    await pod('web-2', { app: 'web' }, byEnvFrom, inAnHour, 'ReplicaSet');
    await pod('db-0', { app: 'db' }, byEnv, hourAgo, 'StatefulSet');
    await pod('agent-x', { app: 'agent' }, byVolume, hourAgo, 'DaemonSet');
    await pod(
      'migrate-abc',
      { 'batch.kubernetes.io/job-name': 'migrate' },
      byEnvFrom,
      hourAgo,
      'Job',
    );
    await pod(
      'report-123-xyz',
      { 'batch.kubernetes.io/job-name': 'report-123' },
      byProjectedVolume,
      hourAgo,
      'Job',
    );
    await pod('debug', {}, byEnv, inAnHour);
  });

  afterAll(() => cached.stop());

  async function consumersVia(kubernetes: KubernetesService) {
    const secret = await kubernetes.getSecret(cluster, namespace, SECRET);
    return findConsumers({
      workloads: await kubernetes.listWorkloads(cluster, namespace),
      secretName: SECRET,
      secretUpdatedAt: secret?.updatedAt,
    });
  }

  const stale = (...names: string[]) =>
    names.map(name => ({ name, startedAt: expect.anything() }));

  const expected = [
    {
      kind: 'Deployment',
      name: 'web',
      via: ['envFrom'],
      stalePods: stale('web-1'),
      restart: 'rollout',
    },
    {
      kind: 'StatefulSet',
      name: 'db',
      via: ['env'],
      stalePods: stale('db-0'),
      restart: 'rollout',
    },
    {
      kind: 'DaemonSet',
      name: 'agent',
      via: ['volume'],
      stalePods: stale('agent-x'),
      restart: 'rollout',
    },
    {
      kind: 'CronJob',
      name: 'report',
      via: ['volume'],
      stalePods: stale('report-123-xyz'),
      restart: 'next-run',
    },
    {
      kind: 'Job',
      name: 'migrate',
      via: ['envFrom'],
      stalePods: stale('migrate-abc'),
      restart: 'next-run',
    },
    {
      kind: 'Pod',
      name: 'debug',
      via: ['env'],
      stalePods: [],
      restart: 'manual',
    },
  ];

  it('finds the consumers of every kind, by envFrom, env and volume, with the pods holding old values', async () => {
    const direct = createKubernetesService({ credentialsManager });
    await expect(consumersVia(direct)).resolves.toEqual(expected);
  });

  it('finds the same through the watch caches, once they are listed, without a request', async () => {
    await cached.warmUp([{ cluster }], 10_000);
    const counter = countRequests({
      aws: 'none',
      kubernetes: [new URL(cluster.url).host],
    });
    try {
      await expect(consumersVia(cached)).resolves.toEqual(expected);
      expect(counter.take().kubernetesTotal).toBe(0);
    } finally {
      counter.stop();
    }
  });
});
