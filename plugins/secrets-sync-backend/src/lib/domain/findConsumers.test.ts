import type { V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { NamespaceWorkloads, findConsumers } from './findConsumers';

const SECRET = 'build-secrets';
const UPDATED = new Date('2026-01-01T12:00:00Z');

const envFrom: V1PodSpec = {
  containers: [{ name: 'app', envFrom: [{ secretRef: { name: SECRET } }] }],
};
const pod = (
  name: string,
  labels: Record<string, string>,
  startTime: string,
  extra: Partial<V1Pod> = {},
): V1Pod => ({
  metadata: {
    name,
    labels,
    ownerReferences: [
      { apiVersion: 'v1', kind: 'ReplicaSet', name: 'x', uid: 'u' },
    ],
  },
  status: { phase: 'Running', startTime: new Date(startTime) },
  ...extra,
});

function workloads(overrides: Partial<NamespaceWorkloads>): NamespaceWorkloads {
  return {
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    jobs: [],
    cronJobs: [],
    pods: [],
    ...overrides,
  };
}

describe('findConsumers', () => {
  it('names each way a workload reads the Secret, and ignores workloads that do not', () => {
    const consumers = findConsumers({
      secretName: SECRET,
      workloads: workloads({
        deployments: [
          {
            metadata: { name: 'web' },
            spec: {
              selector: { matchLabels: { app: 'web' } },
              template: {
                spec: {
                  initContainers: [
                    {
                      name: 'init',
                      env: [
                        {
                          name: 'A',
                          valueFrom: {
                            secretKeyRef: { name: SECRET, key: 'A' },
                          },
                        },
                      ],
                    },
                  ],
                  containers: [{ name: 'app' }],
                  volumes: [
                    {
                      name: 'v',
                      projected: { sources: [{ secret: { name: SECRET } }] },
                    },
                  ],
                },
              },
            },
          },
          {
            metadata: { name: 'other' },
            spec: {
              selector: {},
              template: {
                spec: {
                  containers: [
                    { name: 'x', envFrom: [{ secretRef: { name: 'other' } }] },
                  ],
                },
              },
            },
          },
        ],
        statefulSets: [
          {
            metadata: { name: 'db' },
            spec: {
              serviceName: 'db',
              selector: {},
              template: {
                spec: {
                  containers: [],
                  volumes: [{ name: 's', secret: { secretName: SECRET } }],
                },
              },
            },
          },
        ],
        cronJobs: [
          {
            metadata: { name: 'build' },
            spec: {
              schedule: '* * * * *',
              jobTemplate: { spec: { template: { spec: envFrom } } },
            },
          },
        ],
      }),
    });
    expect(consumers.map(c => [c.kind, c.name, c.via])).toEqual([
      ['Deployment', 'web', ['env', 'volume']],
      ['StatefulSet', 'db', ['volume']],
      ['CronJob', 'build', ['envFrom']],
    ]);
  });

  it('flags running pods started before the Secret changed as stale', () => {
    const [deployment] = findConsumers({
      secretName: SECRET,
      secretUpdatedAt: UPDATED,
      workloads: workloads({
        deployments: [
          {
            metadata: { name: 'web' },
            spec: {
              selector: { matchLabels: { app: 'web' } },
              template: { spec: envFrom },
            },
          },
        ],
        pods: [
          pod('web-old', { app: 'web' }, '2026-01-01T11:00:00Z'),
          pod('web-new', { app: 'web' }, '2026-01-01T12:30:00Z'),
          pod('web-done', { app: 'web' }, '2026-01-01T11:00:00Z', {
            status: {
              phase: 'Succeeded',
              startTime: new Date('2026-01-01T11:00:00Z'),
            },
          }),
          pod('api-old', { app: 'api' }, '2026-01-01T11:00:00Z'),
        ],
      }),
    });
    expect(deployment.stalePods).toEqual([
      { name: 'web-old', startedAt: new Date('2026-01-01T11:00:00Z') },
    ]);
  });

  it('lists Jobs of their own and bare Pods, but not the Jobs a CronJob made', () => {
    const consumers = findConsumers({
      secretName: SECRET,
      secretUpdatedAt: UPDATED,
      workloads: workloads({
        jobs: [
          {
            metadata: { name: 'migrate' },
            spec: { template: { spec: envFrom } },
          },
          {
            metadata: {
              name: 'build-123',
              ownerReferences: [
                {
                  apiVersion: 'batch/v1',
                  kind: 'CronJob',
                  name: 'build',
                  uid: 'u',
                },
              ],
            },
            spec: { template: { spec: envFrom } },
          },
        ],
        pods: [
          pod(
            'migrate-abc',
            { 'batch.kubernetes.io/job-name': 'migrate' },
            '2026-01-01T11:00:00Z',
          ),
          {
            metadata: { name: 'debug' },
            spec: envFrom,
            status: {
              phase: 'Running',
              startTime: new Date('2026-01-01T10:00:00Z'),
            },
          },
        ],
      }),
    });
    expect(
      consumers.map(c => [c.kind, c.name, c.stalePods.map(p => p.name)]),
    ).toEqual([
      ['Job', 'migrate', ['migrate-abc']],
      ['Pod', 'debug', ['debug']],
    ]);
  });
});
