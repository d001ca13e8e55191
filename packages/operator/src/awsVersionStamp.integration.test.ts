import { SECRETS_SYNC_AWS_VERSION_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import {
  AwsFixture,
  ClusterFixture,
  isolatedContract,
  startTestOperator,
  TestOperator,
  uniqueId,
  waitFor,
} from './__testUtils__/sandboxHarness';

jest.setTimeout(60_000);

/**
 * The version stamp of docs/operator-contract.md, against the sandbox's
 * real kube-apiserver and moto: every Secret the operator writes names the
 * AWS version its data came from, and follows AWS as it moves.
 */
describe('the AWS version stamp, live', () => {
  const runId = uniqueId();
  const contract = isolatedContract(runId);
  const cluster = ClusterFixture.for('dev', contract);
  let aws: AwsFixture;
  let test: TestOperator;

  beforeAll(async () => {
    aws = await AwsFixture.for('dev', contract);
    test = await startTestOperator({
      cluster: 'dev',
      contract,
      leaseName: `stamp-${runId}`,
    });
    await waitFor('leadership', async () => test.operator.isLeader());
  });

  afterAll(async () => {
    await test?.stop();
  });

  const stampOf = async (namespace: string) =>
    (await cluster.readSecret(namespace))?.metadata?.annotations?.[
      SECRETS_SYNC_AWS_VERSION_ANNOTATION
    ];

  /** Waits until the Secret is stamped with AWS's current version, and returns it. */
  const stampedWithCurrent = async (tenant: string, namespace: string) => {
    const current = await aws.currentVersionId(tenant);
    expect(current).toBeTruthy();
    return waitFor(`the stamp ${current}`, async () =>
      (await stampOf(namespace)) === current ? current : undefined,
    );
  };

  it('names the current version on create, and the new one after a change in AWS', async () => {
    const tenant = `stamp-${uniqueId()}`;
    const ns = cluster.namespaceOf(tenant);
    await aws.put(tenant, { TOKEN: 'first' });
    await cluster.createNamespace(ns, { optedIn: true });
    const first = await stampedWithCurrent(tenant, ns);

    await aws.putStaged(tenant, { TOKEN: 'second' });
    await cluster.forceSync(ns);
    const second = await stampedWithCurrent(tenant, ns);
    expect(second).not.toBe(first);
    expect(await cluster.secretData(ns)).toEqual({ TOKEN: 'second' });
  });

  it('follows a new version holding the same values, keeping the data', async () => {
    const tenant = `stamp-same-${uniqueId()}`;
    const ns = cluster.namespaceOf(tenant);
    await aws.put(tenant, { TOKEN: 'same' });
    await cluster.createNamespace(ns, { optedIn: true });
    const first = await stampedWithCurrent(tenant, ns);

    await aws.putStaged(tenant, { TOKEN: 'same' });
    await cluster.forceSync(ns);
    expect(await stampedWithCurrent(tenant, ns)).not.toBe(first);
    expect(await cluster.secretData(ns)).toEqual({ TOKEN: 'same' });
  });
});
