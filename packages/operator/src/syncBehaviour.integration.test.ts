import {
  AwsFixture,
  ClusterFixture,
  expectSteady,
  isolatedContract,
  lastSyncOf,
  startTestOperator,
  TestOperator,
  uniqueId,
  waitFor,
  waitForIdle,
  waitForReconcile,
} from './__testUtils__/sandboxHarness';

jest.setTimeout(60_000);

describe('force sync and ownership, live', () => {
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
      leaseName: `optest-${runId}`,
    });
    await waitFor('leadership', async () => test.operator.isLeader());
  });

  afterAll(async () => {
    await test?.stop();
  });

  it('force sync picks up an out-of-band AWS change within seconds', async () => {
    const t = `force-${uniqueId()}`;
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'v1' });
    await cluster.createNamespace(ns, { optedIn: true });
    await waitFor('the Secret', () => cluster.secretData(ns));

    await aws.put(t, { TOKEN: 'v2', ADDED: 'yes' });
    const since = Date.now();
    await cluster.forceSync(ns);
    await waitFor(
      'the Secret to carry the new AWS version',
      async () => {
        const data = await cluster.secretData(ns);
        return data?.TOKEN === 'v2' && data.ADDED === 'yes';
      },
      5_000,
    );
    const elapsedMs = Date.now() - since;
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('follows AWSCURRENT when a writer moves the stage, as the backend does', async () => {
    const t = `staged-${uniqueId()}`;
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'v1' });
    await cluster.createNamespace(ns, { optedIn: true });
    await waitFor('the Secret', () => cluster.secretData(ns));
    await aws.putStaged(t, { TOKEN: 'v2' });
    await cluster.forceSync(ns);
    await waitFor(
      'the staged version',
      async () => (await cluster.secretData(ns))?.TOKEN === 'v2',
      5_000,
    );
    await aws.putStaged(t, { TOKEN: 'v3' });
    await cluster.forceSync(ns);
    const data = await waitFor(
      'the next staged version',
      async () => {
        const current = await cluster.secretData(ns);
        return current?.TOKEN === 'v3' ? current : undefined;
      },
      5_000,
    );
    expect(data).toEqual({ TOKEN: 'v3' });
  });

  it('an unrelated namespace change costs no reconcile and no AWS read', async () => {
    const t = `unrelated-${uniqueId()}`;
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'v1' });
    await cluster.createNamespace(ns, { optedIn: true });
    await waitFor('the Secret', () => cluster.secretData(ns));
    // the create (and a re-run for its own Secret event, if that came
    // first) is counted after the Secret appears
    await waitForIdle(test.operator);
    const lastSync = await lastSyncOf(test.operator, ns);
    expect(lastSync).toBeDefined();
    await aws.put(t, { TOKEN: 'v2' });
    await cluster.annotate(ns, { 'unrelated.example.com/note': 'x' });
    await expectSteady(() => lastSyncOf(test.operator, ns), lastSync, 1_500);
    expect(await cluster.secretData(ns)).toEqual({ TOKEN: 'v1' });
  });

  it('never modifies an unowned Secret, whatever happens around it', async () => {
    const t = `unowned-${uniqueId()}`;
    const ns = cluster.namespaceOf(t);
    await cluster.createNamespace(ns, { optedIn: false });
    const handMade = await cluster.createSecret({
      namespace: ns,
      labels: { [Object.keys(contract.ownerLabels)[0]]: 'operator' },
      data: { TOKEN: 'hand-made' },
    });
    const unchanged = async () => {
      const secret = await cluster.readSecret(ns);
      expect(secret?.metadata?.resourceVersion).toBe(
        handMade.metadata?.resourceVersion,
      );
      expect(await cluster.secretData(ns)).toEqual({ TOKEN: 'hand-made' });
    };
    const step = async (change: () => Promise<void>) => {
      // a reconcile of the step before (or of the hand-made Secret's
      // event) must not pass for this step's
      await waitForIdle(test.operator);
      const since = Date.now();
      await change();
      await waitForReconcile(test.operator, ns, since);
      await unchanged();
    };

    await step(() => cluster.optIn(ns));
    await step(() =>
      aws.put(t, { TOKEN: 'from-aws' }).then(() => cluster.forceSync(ns)),
    );
    await step(() =>
      aws.put(t, { TOKEN: 'changed' }).then(() => cluster.forceSync(ns)),
    );
    await step(() => aws.remove(t).then(() => cluster.forceSync(ns)));
    await step(() => cluster.optOut(ns));
  });

  it('removing the annotation deletes only the owned Secret', async () => {
    const owned = cluster.namespaceOf(`owned-${uniqueId()}`);
    const neighbour = cluster.namespaceOf(`neighbour-${uniqueId()}`);
    for (const ns of [owned, neighbour]) {
      await aws.put(ns.slice(`optest-${runId}-`.length), { TOKEN: 'from-aws' });
    }
    await cluster.createNamespace(owned, { optedIn: true });
    await cluster.createNamespace(neighbour, { optedIn: false });
    const handMade = await cluster.createSecret({
      namespace: neighbour,
      data: { TOKEN: 'hand-made' },
    });
    await cluster.optIn(neighbour);
    await waitFor('the owned Secret', () => cluster.readSecret(owned));
    const others = [
      await cluster.createSecret({
        namespace: owned,
        name: 'app-config',
        data: { PLAIN: 'unrelated' },
      }),
      await cluster.createSecret({
        namespace: owned,
        name: 'lookalike',
        labels: contract.ownerLabels,
        data: { PLAIN: 'same labels, other name' },
      }),
    ];

    // the neighbour's reconcile after its opt-in must not pass for the one
    // after its opt-out
    await waitForIdle(test.operator);
    const since = Date.now();
    await cluster.optOut(owned);
    await cluster.optOut(neighbour);
    await waitFor('the owned Secret to be deleted', async () =>
      (await cluster.readSecret(owned)) === undefined ? true : undefined,
    );
    await waitForReconcile(test.operator, neighbour, since);
    await waitForIdle(test.operator);

    for (const other of others) {
      const still = await cluster.readSecret(owned, other.metadata!.name!);
      expect(still?.metadata?.resourceVersion).toBe(
        other.metadata?.resourceVersion,
      );
    }
    const neighbourSecret = await cluster.readSecret(neighbour);
    expect(neighbourSecret?.metadata?.resourceVersion).toBe(
      handMade.metadata?.resourceVersion,
    );
  });
});

describe('resync period, live', () => {
  const runId = uniqueId();
  const contract = isolatedContract(runId);
  const cluster = ClusterFixture.for('dev', contract);
  let test: TestOperator;

  afterAll(async () => {
    await test?.stop();
  });

  it('picks up an AWS change without a force sync once the resync period passes', async () => {
    const aws = await AwsFixture.for('dev', contract);
    test = await startTestOperator({
      cluster: 'dev',
      contract,
      leaseName: `optest-${runId}`,
      resyncPeriodMs: 2_000,
    });
    const t = `resync-${uniqueId()}`;
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'v1' });
    await cluster.createNamespace(ns, { optedIn: true });
    await waitFor('the Secret', () => cluster.secretData(ns));
    await aws.put(t, { TOKEN: 'v2' });
    await waitFor(
      'the resync to bring the new value',
      async () => (await cluster.secretData(ns))?.TOKEN === 'v2',
      6_000,
    );
    // the Event is recorded after the update
    await waitForIdle(test.operator);
    expect((await cluster.events(ns)).map(e => e.reason)).toContain(
      'SecretUpdated',
    );
  });
});
