import {
  AwsFixture,
  ClusterFixture,
  isolatedContract,
  startTestOperator,
  TestOperator,
  uniqueId,
  waitFor,
  waitForIdle,
  waitForReconcile,
  expectSteady,
} from './__testUtils__/sandboxHarness';

jest.setTimeout(60_000);

/**
 * One test per row of the reconcile table in docs/operator-contract.md,
 * against the sandbox's real kube-apiserver and moto, with the operator's
 * own identity and role.
 */
describe('docs/operator-contract.md reconcile table, live', () => {
  const runId = uniqueId();
  const contract = isolatedContract(runId);
  const cluster = ClusterFixture.for('dev', contract);
  const canary = `canary-${runId}-do-not-log`;
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

  const writeCount = async () => {
    const metric = await test.operator.metrics.reconciles.get();
    return metric.values
      .filter(v =>
        ['create', 'update', 'delete'].includes(String(v.labels.action)),
      )
      .reduce((sum, v) => sum + v.value, 0);
  };

  const tenant = (row: number) => `row${row}-${uniqueId()}`;

  it('row 1: not opted in, no Secret: even a force sync creates nothing', async () => {
    const t = tenant(1);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: canary });
    await cluster.createNamespace(ns, { optedIn: false });
    const since = Date.now();
    await cluster.forceSync(ns);
    await waitForReconcile(test.operator, ns, since);
    expect(await cluster.readSecret(ns)).toBeUndefined();
  });

  it('row 2: not opted in, owned Secret: removing the annotation deletes it', async () => {
    const t = tenant(2);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: canary });
    await cluster.createNamespace(ns, { optedIn: true });
    await waitFor('the Secret', () => cluster.readSecret(ns));
    await cluster.optOut(ns);
    await waitFor('the Secret to be deleted', async () =>
      (await cluster.readSecret(ns)) === undefined ? true : undefined,
    );
    // the Event is recorded after the delete
    await waitForIdle(test.operator);
    expect((await cluster.events(ns)).map(e => e.reason)).toContain(
      'SecretDeleted',
    );
  });

  it('row 3: not opted in, unowned Secret: left alone', async () => {
    const t = tenant(3);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'from-aws' });
    await cluster.createNamespace(ns, { optedIn: false });
    const since = Date.now();
    const handMade = await cluster.createSecret({
      namespace: ns,
      data: { TOKEN: 'hand-made' },
    });
    await waitForReconcile(test.operator, ns, since);
    const after = await cluster.readSecret(ns);
    expect(after?.metadata?.resourceVersion).toBe(
      handMade.metadata?.resourceVersion,
    );
    expect(await cluster.secretData(ns)).toEqual({ TOKEN: 'hand-made' });
  });

  it('row 4: opted in, nothing in AWS, no Secret: no-op', async () => {
    const ns = cluster.namespaceOf(tenant(4));
    const since = Date.now();
    await cluster.createNamespace(ns, { optedIn: true });
    await waitForReconcile(test.operator, ns, since);
    expect(await cluster.readSecret(ns)).toBeUndefined();
  });

  it('row 5: opted in, AWS secret deleted, owned Secret: deleted', async () => {
    const t = tenant(5);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: canary });
    await cluster.createNamespace(ns, { optedIn: true });
    await waitFor('the Secret', () => cluster.readSecret(ns));
    await aws.remove(t);
    await cluster.forceSync(ns);
    await waitFor('the Secret to be deleted', async () =>
      (await cluster.readSecret(ns)) === undefined ? true : undefined,
    );
    await waitForIdle(test.operator);
    const deleted = (await cluster.events(ns)).find(
      e => e.reason === 'SecretDeleted',
    );
    expect(deleted?.message).toContain('no longer exists');
  });

  it('row 6: opted in, AWS secret present, no Secret: created with the owner labels', async () => {
    const t = tenant(6);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: canary, REGION: 'eu-west-1' });
    await cluster.createNamespace(ns, { optedIn: true });
    const secret = await waitFor('the Secret', () => cluster.readSecret(ns));
    await waitForIdle(test.operator);
    expect(secret.type).toBe('Opaque');
    expect(secret.metadata?.labels).toEqual(contract.ownerLabels);
    expect(await cluster.secretData(ns)).toEqual({
      TOKEN: canary,
      REGION: 'eu-west-1',
    });
    const events = await cluster.events(ns);
    expect(events.map(e => e.reason)).toContain('SecretCreated');
    expect(JSON.stringify(events)).not.toContain(canary);
  });

  it('row 7: opted in, owned Secret edited in the cluster: restored from AWS', async () => {
    const t = tenant(7);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'from-aws' });
    await cluster.createNamespace(ns, { optedIn: true });
    const secret = await waitFor('the Secret', () => cluster.readSecret(ns));
    await cluster.replaceSecretData(secret, { TOKEN: 'edited', EXTRA: 'x' });
    const restored = await waitFor('the Secret to be restored', async () => {
      const data = await cluster.secretData(ns);
      return data?.TOKEN === 'from-aws' && !('EXTRA' in data)
        ? data
        : undefined;
    });
    expect(restored).toEqual({ TOKEN: 'from-aws' });
    // counted before the next row takes its baseline
    await waitForIdle(test.operator);
  });

  it('row 8: opted in, owned Secret matching AWS: no write', async () => {
    const t = tenant(8);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: 'same' });
    await cluster.createNamespace(ns, { optedIn: true });
    const secret = await waitFor('the Secret', () => cluster.readSecret(ns));
    // The create is counted only after the Secret appeared (and its Event
    // was recorded): the baseline must include it.
    await waitForIdle(test.operator);
    const writesBefore = await writeCount();
    const since = Date.now();
    await cluster.forceSync(ns);
    await waitForReconcile(test.operator, ns, since);
    await waitForIdle(test.operator);
    const after = await cluster.readSecret(ns);
    expect(after?.metadata?.resourceVersion).toBe(
      secret.metadata?.resourceVersion,
    );
    // The API server drops identical updates silently, so the operator's
    // own count is what proves it did not send one, then or a moment later.
    await expectSteady(writeCount, writesBefore);
    expect((await cluster.events(ns)).map(e => e.reason)).not.toContain(
      'SecretUpdated',
    );
  });

  it('row 9: opted in, AWS secret present, unowned Secret: warning and Event, no change', async () => {
    const t = tenant(9);
    const ns = cluster.namespaceOf(t);
    await aws.put(t, { TOKEN: canary });
    await cluster.createNamespace(ns, { optedIn: false });
    const handMade = await cluster.createSecret({
      namespace: ns,
      data: { TOKEN: 'hand-made' },
    });
    await cluster.optIn(ns);
    // The Event comes from the reconcile that saw the opt-in (one started
    // by the hand-made Secret alone may finish first): wait for it, then
    // for that reconcile to end, before looking at the Secret.
    const warning = await waitFor('the SecretNotOwned Event', async () =>
      (await cluster.events(ns)).find(e => e.reason === 'SecretNotOwned'),
    );
    await waitForIdle(test.operator);
    const after = await cluster.readSecret(ns);
    expect(after?.metadata?.resourceVersion).toBe(
      handMade.metadata?.resourceVersion,
    );
    expect(after?.metadata?.labels ?? {}).toEqual({});
    expect(warning.type).toBe('Warning');
    expect(warning.involvedObject).toMatchObject({
      kind: 'Namespace',
      name: ns,
    });
    expect(warning.message).toContain('will not adopt, update or delete it');
    expect(
      test.logs.some(
        line => line.includes('skipping unowned Secret') && line.includes(ns),
      ),
    ).toBe(true);
  });

  it('put no value in a log line or a metric along the way', async () => {
    expect(test.logs.length).toBeGreaterThan(0);
    expect(test.logs.join('\n')).not.toContain(canary);
    expect(await test.operator.metrics.registry.metrics()).not.toContain(
      canary,
    );
  });
});
