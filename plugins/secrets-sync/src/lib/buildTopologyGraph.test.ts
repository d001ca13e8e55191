import { SYNC_STATUSES } from '@internal/plugin-secrets-sync-common';
import {
  entityTopologyFixture,
  environmentFixture,
  singleEnvironmentTopology,
  sixEnvironmentTopology,
} from '../__testUtils__/topologyFixtures';
import { buildTopologyGraph, MAX_WORKLOAD_NODES } from './buildTopologyGraph';

describe('buildTopologyGraph', () => {
  it('chains component → environment → AWS → namespace → Secret → workloads', () => {
    const graph = buildTopologyGraph(singleEnvironmentTopology, 'checkout');

    const next = new Map(graph.edges.map(e => [e.from, e.to]));
    const kinds = new Map(graph.nodes.map(n => [n.id, n.kind]));
    const path: string[] = [];
    for (let id: string | undefined = 'component'; id; id = next.get(id)) {
      path.push(kinds.get(id)!);
    }
    expect(path).toEqual([
      'component',
      'environment',
      'aws',
      'namespace',
      'secret',
      'workload',
    ]);
    expect(graph.nodes.find(n => n.kind === 'aws')).toMatchObject({
      title: 'sites/checkout/build',
      subtitle: '111111111111 · us-east-1',
    });
    expect(graph.nodes.find(n => n.kind === 'namespace')?.title).toBe(
      'sites-checkout',
    );
    expect(
      graph.nodes.filter(n => n.kind === 'workload').map(n => n.title),
    ).toEqual(['web', 'nightly-report']);
  });

  it('gives each of six environments its own branch with unique node ids', () => {
    const graph = buildTopologyGraph(sixEnvironmentTopology, 'checkout');

    const ids = graph.nodes.map(n => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(graph.edges.filter(e => e.from === 'component')).toHaveLength(6);
    for (const edge of graph.edges) {
      expect(ids).toContain(edge.from);
      expect(ids).toContain(edge.to);
    }
  });

  it('tones environment nodes by their status', () => {
    const graph = buildTopologyGraph(sixEnvironmentTopology, 'checkout');
    const tone = (env: string) =>
      graph.nodes.find(n => n.id === `environment:${env}`)?.tone;

    expect(tone('dev')).toBe('ok');
    expect(tone('staging')).toBe('progress');
    expect(tone('qa')).toBe('warning');
    expect(tone('perf')).toBe('inactive');
    expect(tone('eu-prod')).toBe('error');
    expect(tone('prod')).toBe('error');
  });

  it('marks the failing hop and the workloads still running old values', () => {
    const graph = buildTopologyGraph(sixEnvironmentTopology, 'checkout');
    const awsFailure = buildTopologyGraph(
      entityTopologyFixture([
        environmentFixture({ name: 'dev', status: 'error' }),
      ]),
      'checkout',
    );

    expect(awsFailure.nodes.find(n => n.id === 'aws:dev')).toMatchObject({
      tone: 'error',
      subtitle: 'access-denied · 111111111111 · us-east-1',
    });
    expect(graph.nodes.find(n => n.id === 'secret:prod')).toMatchObject({
      tone: 'error',
      subtitle: '0/3 keys in sync · ExternalSecret',
    });
    expect(
      graph.nodes.find(n => n.id === 'workload:staging:Deployment/web'),
    ).toMatchObject({
      tone: 'warning',
      subtitle: 'Deployment · 2 pods on old values',
    });
    expect(graph.nodes.find(n => n.id === 'secret:eu-prod')?.subtitle).toBe(
      'not owned by the operator',
    );
  });

  it('folds workloads beyond the limit into one node', () => {
    const env = environmentFixture({ name: 'dev', status: 'synced' });
    env.consumers = Array.from({ length: 7 }, (_, i) => ({
      kind: 'Deployment' as const,
      name: `w${i}`,
      via: ['envFrom' as const],
      stalePods: [],
    }));
    const graph = buildTopologyGraph(entityTopologyFixture([env]), 'c');

    const workloads = graph.nodes.filter(n => n.kind === 'workload');
    expect(workloads).toHaveLength(MAX_WORKLOAD_NODES + 1);
    expect(workloads[MAX_WORKLOAD_NODES].title).toBe('4 more workloads');
  });

  it('builds a node for every status without throwing', () => {
    const topology = entityTopologyFixture(
      SYNC_STATUSES.map(status => environmentFixture({ name: status, status })),
    );
    const graph = buildTopologyGraph(topology, 'c');
    expect(graph.nodes.filter(n => n.kind === 'environment')).toHaveLength(
      SYNC_STATUSES.length,
    );
    expect(
      graph.nodes.find(n => n.id === 'namespace:namespace-missing'),
    ).toMatchObject({ tone: 'warning', subtitle: 'cluster dev · missing' });
    expect(
      graph.nodes.find(n => n.id === 'aws:upstream-missing'),
    ).toMatchObject({ tone: 'inactive' });
  });
  it("tones each hop by the backend's judgement, not by the facts", () => {
    const env = environmentFixture({ name: 'dev', status: 'synced' });
    env.hops = {
      aws: { health: 'error', state: 'throttled' },
      namespace: { health: 'inactive', state: 'sync not enabled' },
      secret: { health: 'warning', state: '2/3 keys in sync' },
      workloads: [{ health: 'warning', state: '1 pod on old values' }],
    };
    const graph = buildTopologyGraph(entityTopologyFixture([env]), 'c');
    const byId = (id: string) => graph.nodes.find(n => n.id === id);

    expect(byId('aws:dev')).toMatchObject({
      tone: 'error',
      subtitle: 'throttled · 111111111111 · us-east-1',
    });
    expect(byId('namespace:dev')).toMatchObject({
      tone: 'inactive',
      subtitle: 'cluster dev · sync not enabled',
    });
    expect(byId('secret:dev')).toMatchObject({
      tone: 'warning',
      subtitle: '2/3 keys in sync',
    });
    expect(byId('workload:dev:Deployment/web')).toMatchObject({
      tone: 'warning',
      subtitle: 'Deployment · 1 pod on old values',
    });
    // a workload the backend did not judge is not shown as healthy
    expect(byId('workload:dev:CronJob/nightly-report')).toMatchObject({
      tone: 'inactive',
      subtitle: 'CronJob · env',
    });
  });

  it('shows hops as not set up when the backend sent no judgement', () => {
    const env = environmentFixture({ name: 'dev', status: 'synced' });
    delete env.hops;
    const graph = buildTopologyGraph(entityTopologyFixture([env]), 'c');

    expect(
      graph.nodes
        .filter(n => n.environment === 'dev' && n.kind !== 'environment')
        .map(n => n.tone),
    ).toEqual(['inactive', 'inactive', 'inactive', 'inactive', 'inactive']);
    expect(graph.nodes.find(n => n.id === 'aws:dev')?.subtitle).toBe(
      '111111111111 · us-east-1',
    );
  });

  /** The kinds along the path from the component, following the first edge out of each node. */
  function pathFrom(graph: ReturnType<typeof buildTopologyGraph>) {
    const kinds = new Map(graph.nodes.map(n => [n.id, n.kind]));
    const path: string[] = [];
    for (
      let id: string | undefined = 'component';
      id;
      id = graph.edges.find(e => e.from === id)?.to
    ) {
      path.push(kinds.get(id)!);
    }
    return path;
  }

  it('draws the SyncedSecret between the namespace and the Secret it writes', () => {
    const env = environmentFixture({ name: 'dev-kss', status: 'pending' });
    env.syncedSecret = {
      resourceName: 'build-secrets',
      apiVersion: 'secrets-manager.tuenti.io/v1alpha1',
      pollIntervalSeconds: 300,
      resyncIntervalSeconds: 120,
      dueBy: new Date('2026-11-23T10:07:00Z'),
    };
    const graph = buildTopologyGraph(entityTopologyFixture([env]), 'c');

    expect(pathFrom(graph)).toEqual([
      'component',
      'environment',
      'aws',
      'namespace',
      'syncedSecret',
      'secret',
      'workload',
    ]);
    expect(
      graph.nodes.find(n => n.id === 'syncedsecret:dev-kss'),
    ).toMatchObject({ title: 'build-secrets', tone: 'progress' });
    expect(
      graph.nodes.find(n => n.id === 'syncedsecret:dev-kss')?.subtitle,
    ).toMatch(/^due by /);
  });

  it('draws the push-secret engine from the source Secret through each PushSecret to AWS', () => {
    const env = environmentFixture({ name: 'dev-push', status: 'error' });
    env.consumers = [];
    env.hops = { ...env.hops!, workloads: [] };
    env.pushSecret = {
      sourceSecretName: 'build-secrets',
      pushSecrets: [
        {
          resourceName: 'build-secrets-push',
          ready: 'True',
          reason: 'Synced',
          stores: [{ kind: 'SecretStore', name: 'dev', pushed: true }],
        },
        {
          resourceName: 'build-secrets-dr',
          ready: 'False',
          reason: 'Errored',
          stores: [
            { kind: 'SecretStore', name: 'dev', pushed: true },
            { kind: 'ClusterSecretStore', name: 'dr', pushed: false },
          ],
        },
      ],
    };
    const graph = buildTopologyGraph(entityTopologyFixture([env]), 'c');
    const byId = (id: string) => graph.nodes.find(n => n.id === id);

    expect(pathFrom(graph)).toEqual([
      'component',
      'environment',
      'namespace',
      'secret',
      'pushSecret',
      'aws',
    ]);
    expect(byId('secret:dev-push')?.subtitle).toMatch(/source$/);
    expect(byId('pushsecret:dev-push:build-secrets-push')).toMatchObject({
      tone: 'ok',
      subtitle: '1/1 store pushed',
    });
    expect(byId('pushsecret:dev-push:build-secrets-dr')).toMatchObject({
      tone: 'error',
      subtitle: '1/2 stores pushed · Errored',
    });
    expect(
      graph.edges.filter(e => e.to === 'aws:dev-push').map(e => e.from),
    ).toEqual([
      'pushsecret:dev-push:build-secrets-push',
      'pushsecret:dev-push:build-secrets-dr',
    ]);
  });

  it('says no PushSecret selects the source Secret when none does', () => {
    const env = environmentFixture({ name: 'dev-push', status: 'not-enabled' });
    env.pushSecret = { sourceSecretName: 'build-secrets', pushSecrets: [] };
    const graph = buildTopologyGraph(entityTopologyFixture([env]), 'c');

    expect(graph.nodes.find(n => n.kind === 'pushSecret')).toMatchObject({
      title: 'no PushSecret',
      subtitle: 'none selects build-secrets',
      tone: 'inactive',
    });
  });
});
