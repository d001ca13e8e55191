import { PrivateCluster, startPrivateCluster } from '@internal/sandbox';
import {
  AwsFixture,
  ClusterFixture,
  isolatedContract,
  startTestOperator,
  TestOperator,
  uniqueId,
  waitFor,
} from './__testUtils__/sandboxHarness';

jest.setTimeout(240_000);

/**
 * Restarts a kube-apiserver of the test's own, cutting every watch. The
 * shared clusters stay up: tests of other packages run beside this one.
 * AWS is the prod account of the local stack.
 */
describe('watch recovery after the API server restarts, live', () => {
  const runId = uniqueId();
  const contract = isolatedContract(runId);
  let server: PrivateCluster;
  let cluster: ClusterFixture;
  let test: TestOperator;

  beforeAll(async () => {
    server = await startPrivateCluster('watch-recovery');
    cluster = new ClusterFixture(contract, server.kubeConfigFor('admin'));
  });

  afterAll(async () => {
    await test?.stop();
    await server?.stop();
  });

  it('re-establishes its watches, reconciles what changed meanwhile and keeps serving events', async () => {
    const aws = await AwsFixture.for('prod', contract);
    test = await startTestOperator({
      cluster: 'prod',
      contract,
      leaseName: `optest-${runId}`,
      kubeConfig: server.kubeConfigFor('operator'),
    });
    await waitFor('leadership', async () => test.operator.isLeader());

    const before = `before-${uniqueId()}`;
    const beforeNs = cluster.namespaceOf(before);
    await aws.put(before, { TOKEN: 'v1' });
    await cluster.createNamespace(beforeNs, { optedIn: true });
    await waitFor('the first Secret', () => cluster.secretData(beforeNs));

    const restart = server.restart();
    await waitFor(
      'the watch to notice the API server went away',
      async () => {
        const restarts = await test.operator.metrics.watchRestarts.get();
        return restarts.values.some(v => v.value > 0);
      },
      60_000,
    );
    // Changed while the API server is down: no event will ever announce it.
    await aws.put(before, { TOKEN: 'v2' });
    await restart;

    await waitFor(
      'the relist after reconnecting to reconcile the missed change',
      async () => (await cluster.secretData(beforeNs))?.TOKEN === 'v2',
      60_000,
    );
    const after = `after-${uniqueId()}`;
    const afterNs = cluster.namespaceOf(after);
    await aws.put(after, { TOKEN: 'new' });
    await cluster.createNamespace(afterNs, { optedIn: true });
    await waitFor('a Secret for a namespace created after the restart', () =>
      cluster.secretData(afterNs),
    );
    expect(test.operator.isLeader()).toBe(true);
    expect(
      test.logs.some(line => line.includes('watch failed, re-establishing')),
    ).toBe(true);
  });
});
