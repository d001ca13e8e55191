import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
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

const SANDBOX_SCRIPT = path.resolve(
  __dirname,
  '..',
  '..',
  'sandbox',
  'scripts',
  'sandbox.sh',
);

/**
 * Restarts the prod cluster's kube-apiserver (`yarn sandbox:restart-kube
 * prod`), cutting every watch. The prod cluster is used so that tests of
 * other packages, which mostly use dev, are less disturbed.
 */
describe('watch recovery after the API server restarts, live', () => {
  const runId = uniqueId();
  const contract = isolatedContract(runId);
  const cluster = ClusterFixture.for('prod', contract);
  let test: TestOperator;

  afterAll(async () => {
    await test?.stop();
  });

  it('re-establishes its watches, reconciles what changed meanwhile and keeps serving events', async () => {
    const aws = await AwsFixture.for('prod', contract);
    test = await startTestOperator({
      cluster: 'prod',
      contract,
      leaseName: `optest-${runId}`,
    });
    await waitFor('leadership', async () => test.operator.isLeader());

    const before = `before-${uniqueId()}`;
    const beforeNs = cluster.namespaceOf(before);
    await aws.put(before, { TOKEN: 'v1' });
    await cluster.createNamespace(beforeNs, { optedIn: true });
    await waitFor('the first Secret', () => cluster.secretData(beforeNs));

    const restart = promisify(execFile)('bash', [
      SANDBOX_SCRIPT,
      'restart-kube',
      'prod',
    ]);
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
