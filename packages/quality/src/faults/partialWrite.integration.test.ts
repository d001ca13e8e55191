import { readSandbox } from '@internal/sandbox';
import type { RunningBackend } from '../harness/startBackend';
import { FaultStack, startFaultStack } from './faultStack';
import {
  faultTenant,
  prepareNamespaces,
  storedInAws,
  write,
} from './faultTestKit';
import { awsError } from './httpFaultInjector';

const tenant = faultTenant('f-partial');

describe('a write to two accounts where one fails', () => {
  let stack: FaultStack;
  let backend: RunningBackend;

  beforeAll(async () => {
    readSandbox();
    stack = await startFaultStack();
    backend = await stack.startBackend({ entities: [tenant.entity] });
    await prepareNamespaces(tenant);
    const seeded = await write(backend.baseUrl, tenant, ['dev'], {
      KEPT: 'kept-value',
    });
    if (seeded.byName.dev.outcome !== 'written') {
      throw new Error(`seeding answered ${seeded.byName.dev.outcome}`);
    }
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('writes the healthy account, reports the failed one, and a retry completes it without a duplicate version', async () => {
    stack.hops.prod.aws.add({
      match: request =>
        request.operation === 'CreateSecret' ||
        request.operation === 'PutSecretValue',
      status: 503,
      body: awsError('ServiceUnavailableException', 'Service unavailable'),
    });
    const set = { ADDED: 'partial-canary' };

    const first = await write(backend.baseUrl, tenant, ['dev', 'prod'], set);
    const devAfterFirst = await storedInAws('dev', tenant);
    const prodAfterFirst = await storedInAws('prod', tenant);
    await stack.heal();
    const retry = await write(backend.baseUrl, tenant, ['dev', 'prod'], set);
    const devAfterRetry = await storedInAws('dev', tenant);
    const prodAfterRetry = await storedInAws('prod', tenant);

    expect(first.status).toBe(200);
    expect(first.byName.dev.outcome).toBe('written');
    expect(first.byName.prod).toMatchObject({
      outcome: 'failed',
      error: { hop: 'aws', message: expect.stringMatching(/\w/) },
    });
    expect(first.text).not.toContain('partial-canary');
    expect(devAfterFirst.values).toEqual({
      KEPT: 'kept-value',
      ADDED: 'partial-canary',
    });
    expect(prodAfterFirst.versions).toEqual([]);

    expect(retry.status).toBe(200);
    expect(retry.byName.dev).toMatchObject({
      outcome: 'unchanged',
      versionId: first.byName.dev.versionId,
    });
    expect(retry.byName.prod.outcome).toBe('written');
    expect(devAfterRetry.versions).toEqual(devAfterFirst.versions);
    expect(prodAfterRetry.versions).toHaveLength(1);
    expect(prodAfterRetry.values).toEqual({ ADDED: 'partial-canary' });
  });
});
