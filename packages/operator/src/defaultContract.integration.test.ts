import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT } from '@internal/plugin-secrets-sync-common';
import { readOperatorConfig } from './config/readOperatorConfig';
import {
  AwsFixture,
  ClusterFixture,
  startTestOperator,
  TestOperator,
  uniqueId,
  waitFor,
  waitForIdle,
} from './__testUtils__/sandboxHarness';

jest.setTimeout(60_000);

/**
 * The operator started without contract flags acts on the literal default
 * keys of docs/operator-contract.md. Another operator on the same defaults
 * (the local stack's own) may act on these namespaces too; the outcome
 * asserted is the same either way.
 */
describe('the default contract of docs/operator-contract.md, live', () => {
  const runId = uniqueId();
  let test: TestOperator;

  afterAll(async () => {
    await test?.stop();
  });

  it('materialises sites/<site>/build as build-secrets in an annotated sites-<site> namespace', async () => {
    const parsed = readOperatorConfig({
      argv: [],
      env: {},
      runtime: { hostname: 'test' },
    });
    if (parsed.kind !== 'run') {
      throw new Error('expected a run config');
    }
    const contract = parsed.config.contract;
    expect(contract).toEqual(DEFAULT_NAMESPACE_ANNOTATION_CONTRACT);
    test = await startTestOperator({
      cluster: 'dev',
      contract,
      leaseName: `optest-${runId}`,
    });
    await waitFor('leadership', async () => test.operator.isLeader());

    const cluster = ClusterFixture.for('dev', contract);
    const aws = await AwsFixture.for('dev', contract);
    const site = `optest-${runId}`;
    const canary = `canary-${runId}-never-logged`;
    await aws.put(site, { TENANT_TOKEN: canary });
    await cluster.createNamespace(`sites-${site}`, { optedIn: false });
    await cluster.annotate(`sites-${site}`, {
      'deco.sites/build-secrets-managed': 'enabled',
    });
    const secret = await waitFor('build-secrets', () =>
      cluster.readSecret(`sites-${site}`, 'build-secrets'),
    );
    expect(secret.metadata?.labels).toMatchObject({
      'deco.sites/managed-by': 'operator',
      'deco.sites/feature': 'build-secrets',
    });
    expect(await cluster.secretData(`sites-${site}`)).toEqual({
      TENANT_TOKEN: canary,
    });

    await aws.put(site, { TENANT_TOKEN: `${canary}-2` });
    await cluster.annotate(`sites-${site}`, {
      'deco.sites/build-secrets-sync': `${Math.floor(Date.now() / 1000)}`,
    });
    await waitFor(
      'the forced re-read',
      async () =>
        (await cluster.secretData(`sites-${site}`))?.TENANT_TOKEN ===
        `${canary}-2`,
      5_000,
    );
    // the update's log line and Event follow the write: look once they exist
    await waitForIdle(test.operator);

    expect(test.logs.join('\n')).not.toContain(canary);
    expect(await test.operator.metrics.registry.metrics()).not.toContain(
      canary,
    );
    expect(JSON.stringify(await cluster.events(`sites-${site}`))).not.toContain(
      canary,
    );
  });
});
