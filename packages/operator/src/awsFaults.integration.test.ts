import {
  PrivateAws,
  PrivateAwsOptions,
  PrivateCluster,
  RunningToxiproxy,
  SANDBOX_ACCOUNTS,
  startPrivateAws,
  startPrivateCluster,
  startToxiproxy,
} from '@internal/sandbox';
import type { NamespaceAnnotationContract } from '@internal/plugin-secrets-sync-common';
import {
  AwsFixture,
  ClusterFixture,
  expectSteady,
  isolatedContract,
  startTestOperator,
  TestOperator,
  uniqueId,
  waitFor,
} from './__testUtils__/sandboxHarness';
import type { Operator } from './createOperator';
import { DEFAULT_AWS_CALL_BOUNDS } from './upstream/awsCalls';

jest.setTimeout(180_000);

/**
 * Faults of AWS as the operator meets them: an endpoint that hangs, an
 * account that suddenly looks empty (an emulator restart), and credentials
 * that suddenly act in another account (plain moto's restart remaps the
 * ones it issued before to its default account; the stack's moto keeps
 * them in their account, so that case runs on a plain one). Every server is the test's own (a moto
 * through the sandbox's launcher, a kube-apiserver, a toxiproxy), so moto
 * can be hung and restarted while the shared stack serves other tests.
 */
describe('AWS faults, live', () => {
  let cluster: PrivateCluster;
  let toxiproxy: RunningToxiproxy;
  const awsServers: PrivateAws[] = [];
  const operators: TestOperator[] = [];

  beforeAll(async () => {
    [cluster, toxiproxy] = await Promise.all([
      startPrivateCluster('aws-faults'),
      startToxiproxy(),
    ]);
  });

  afterAll(async () => {
    // AWS first: a request still hanging then fails, so stopping an
    // operator (which waits for its reconciles) cannot hang, even after a
    // failed test.
    await toxiproxy?.stop();
    await Promise.all(awsServers.map(a => a.stop()));
    await Promise.all(operators.map(o => o.stop()));
    await cluster?.stop();
  });

  async function privateAws(options?: PrivateAwsOptions): Promise<PrivateAws> {
    const aws = await startPrivateAws(options);
    awsServers.push(aws);
    return aws;
  }

  /** An operator on the private cluster with credentials assumed once, as the SDK chain caches them. */
  async function operatorOn(
    contract: NamespaceAnnotationContract,
    credentials: Awaited<ReturnType<PrivateAws['clientConfigFor']>>,
  ): Promise<TestOperator> {
    const test = await startTestOperator({
      cluster: 'dev',
      contract,
      leaseName: `optest-${uniqueId()}`,
      kubeConfig: cluster.kubeConfigFor('operator'),
      aws: credentials,
    });
    operators.push(test);
    await waitFor('leadership', async () => test.operator.isLeader());
    return test;
  }

  const operatorCredentials = (aws: PrivateAws) =>
    aws.clientConfigFor(SANDBOX_ACCOUNTS.dev, 'secrets-sync-operator');

  async function errorCount(operator: Operator, kind: string) {
    const metric = await operator.metrics.reconcileErrors.get();
    return metric.values.find(v => v.labels.kind === kind)?.value ?? 0;
  }

  async function eventsWithReason(
    fixture: ClusterFixture,
    namespace: string,
    reason: string,
  ) {
    return (await fixture.events(namespace)).filter(e => e.reason === reason);
  }

  /** Three tenants synced: the owned Secrets a restart must not cost. */
  async function threeSyncedTenants(fixture: ClusterFixture, aws: AwsFixture) {
    const tenants = [0, 1, 2].map(n => `t${n}-${uniqueId()}`);
    for (const tenant of tenants) {
      await aws.put(tenant, { TOKEN: `v1-${tenant}` });
      await fixture.createNamespace(fixture.namespaceOf(tenant), {
        optedIn: true,
      });
    }
    const uids: string[] = [];
    for (const tenant of tenants) {
      const secret = await waitFor(`the Secret of ${tenant}`, () =>
        fixture.readSecret(fixture.namespaceOf(tenant)),
      );
      uids.push(secret.metadata!.uid!);
    }
    const snapshot = async () =>
      Promise.all(
        tenants.map(async tenant => {
          const secret = await fixture.readSecret(fixture.namespaceOf(tenant));
          return secret?.metadata?.uid;
        }),
      );
    return { tenants, uids, snapshot };
  }

  it('fails a reconcile fast while AWS hangs, retries with backoff, and heals', async () => {
    const contract = isolatedContract(uniqueId());
    const fixture = new ClusterFixture(
      contract,
      cluster.kubeConfigFor('admin'),
    );
    const moto = await privateAws();
    const aws = await AwsFixture.for('dev', contract, moto.endpoint);
    const proxy = await toxiproxy.client.createProxy({
      name: `moto-${uniqueId()}`,
      upstream: new URL(moto.endpoint).host,
    });
    // Default bounds: the test proves the defaults keep a hung AWS short.
    const test = await operatorOn(contract, {
      ...(await operatorCredentials(moto)),
      endpoint: `http://${proxy.listen}`,
    });

    const tenant = `hang-${uniqueId()}`;
    const ns = fixture.namespaceOf(tenant);
    await aws.put(tenant, { TOKEN: 'v1' });
    await fixture.createNamespace(ns, { optedIn: true });
    await waitFor('the first Secret', async () =>
      (await fixture.secretData(ns))?.TOKEN === 'v1' ? true : undefined,
    );

    // Requests through the proxy never reach moto and are never answered.
    const toxic = await toxiproxy.client.addToxic(proxy.name, {
      type: 'timeout',
      stream: 'upstream',
      attributes: { timeout: 0 },
    });
    await aws.put(tenant, { TOKEN: 'v2' });
    const hungAt = Date.now();
    await fixture.forceSync(ns);
    await waitFor(
      'a reconcile to fail with a timeout',
      async () => (await errorCount(test.operator, 'timeout')) >= 1,
      30_000,
    );
    const failedAfterMs = Date.now() - hungAt;
    // The call deadline, plus the reconcile's own kube calls and the poll;
    // unbounded, the reconcile waited as long as the socket stayed open.
    expect(failedAfterMs).toBeLessThan(
      DEFAULT_AWS_CALL_BOUNDS.callTimeoutMs + 5_000,
    );
    const [warning] = await waitFor(
      'the UpstreamReadFailed Event',
      async () => {
        const found = await eventsWithReason(fixture, ns, 'UpstreamReadFailed');
        return found.length > 0 ? found : undefined;
      },
    );
    expect(warning.message).toContain(
      `timeout (no answer within ${DEFAULT_AWS_CALL_BOUNDS.callTimeoutMs} ms)`,
    );
    // Retried, not given up on: a second attempt fails the same way.
    await waitFor(
      'the retry to time out too',
      async () => (await errorCount(test.operator, 'timeout')) >= 2,
      30_000,
    );
    expect((await fixture.secretData(ns))?.TOKEN).toBe('v1');

    await toxiproxy.client.removeToxic(proxy.name, toxic);
    await waitFor(
      'a retry after AWS answers again to sync the change',
      async () =>
        (await fixture.secretData(ns))?.TOKEN === 'v2' ? true : undefined,
      60_000,
    );
  });

  it('keeps owned Secrets when a moto restart remaps its cached credentials to another account', async () => {
    const contract = isolatedContract(uniqueId());
    const fixture = new ClusterFixture(
      contract,
      cluster.kubeConfigFor('admin'),
    );
    const moto = await privateAws({ plainAccounts: true });
    const aws = await AwsFixture.for('dev', contract, moto.endpoint);
    const stale = await operatorOn(contract, await operatorCredentials(moto));
    const { tenants, uids, snapshot } = await threeSyncedTenants(fixture, aws);

    // Restarted and reseeded: the data is back, but plain moto now acts
    // in 123456789012 for the operator's cached credentials.
    await moto.restart();
    const reseeded = await AwsFixture.for('dev', contract, moto.endpoint);
    for (const tenant of tenants) {
      await reseeded.put(tenant, { TOKEN: `v1-${tenant}` });
    }
    for (const tenant of tenants) {
      await fixture.forceSync(fixture.namespaceOf(tenant));
    }
    for (const tenant of tenants) {
      const ns = fixture.namespaceOf(tenant);
      const [refused] = await waitFor(
        `the SecretDeletionRefused Event in ${ns}`,
        async () => {
          const found = await eventsWithReason(
            fixture,
            ns,
            'SecretDeletionRefused',
          );
          return found.length > 0 ? found : undefined;
        },
        30_000,
      );
      expect(refused.type).toBe('Warning');
      expect(refused.message).toContain(
        `act in account 123456789012, not ${SANDBOX_ACCOUNTS.dev}`,
      );
    }
    expect(
      await errorCount(stale.operator, 'account-mismatch'),
    ).toBeGreaterThanOrEqual(3);
    expect(
      stale.logs.some(
        line =>
          line.includes('reconcile failed') &&
          line.includes('account-mismatch'),
      ),
    ).toBe(true);
    // Retries (200 ms backoff in tests) refuse again; nothing is deleted.
    await expectSteady(snapshot, uids, 2_000);
    expect(
      await eventsWithReason(
        fixture,
        fixture.namespaceOf(tenants[0]),
        'SecretDeleted',
      ),
    ).toEqual([]);

    // What restart-operators does: fresh credentials, right account.
    await stale.stop();
    const fresh = await operatorOn(contract, await operatorCredentials(moto));
    await waitFor(
      'every namespace reconciled successfully with fresh credentials',
      async () => {
        const synced = await fresh.operator.metrics.lastSuccessfulSync.get();
        return tenants.every(tenant =>
          synced.values.some(
            v => v.labels.namespace === fixture.namespaceOf(tenant),
          ),
        );
      },
      30_000,
    );
    expect(await snapshot()).toEqual(uids);
  });

  it('keeps owned Secrets when the account suddenly looks empty, and still deletes one tenant that is gone', async () => {
    const contract = isolatedContract(uniqueId());
    const fixture = new ClusterFixture(
      contract,
      cluster.kubeConfigFor('admin'),
    );
    const moto = await privateAws();
    const aws = await AwsFixture.for('dev', contract, moto.endpoint);
    const first = await operatorOn(contract, await operatorCredentials(moto));
    const { tenants, uids, snapshot } = await threeSyncedTenants(fixture, aws);

    // moto restarted without a reseed, and the operator restarted after it:
    // its credentials are right, the account holds nothing.
    await first.stop();
    await moto.restart();
    const restarted = await operatorOn(
      contract,
      await operatorCredentials(moto),
    );
    for (const tenant of tenants) {
      const ns = fixture.namespaceOf(tenant);
      const [refused] = await waitFor(
        `the SecretDeletionRefused Event in ${ns}`,
        async () => {
          const found = await eventsWithReason(
            fixture,
            ns,
            'SecretDeletionRefused',
          );
          return found.length > 0 ? found : undefined;
        },
        30_000,
      );
      expect(refused.message).toContain('the account looks emptied');
    }
    expect(
      await errorCount(restarted.operator, 'account-looks-empty'),
    ).toBeGreaterThanOrEqual(3);
    await expectSteady(snapshot, uids, 2_000);

    // Two tenants back, one gone for good: that one is a real deletion.
    const reseeded = await AwsFixture.for('dev', contract, moto.endpoint);
    const [gone, ...kept] = tenants;
    for (const tenant of kept) {
      await reseeded.put(tenant, { TOKEN: `v2-${tenant}` });
    }
    await fixture.forceSync(fixture.namespaceOf(gone));
    await waitFor(
      `the Secret of ${gone} to be deleted`,
      async () =>
        (await fixture.readSecret(fixture.namespaceOf(gone))) === undefined
          ? true
          : undefined,
      30_000,
    );
    for (const tenant of kept) {
      await waitFor(
        `the Secret of ${tenant} to follow AWS`,
        async () =>
          (await fixture.secretData(fixture.namespaceOf(tenant)))?.TOKEN ===
          `v2-${tenant}`
            ? true
            : undefined,
        30_000,
      );
    }
  });
});
