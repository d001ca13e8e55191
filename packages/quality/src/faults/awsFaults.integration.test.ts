import { readSandbox } from '@internal/sandbox';
import type { RunningBackend } from '../harness/startBackend';
import { FaultStack, startFaultStack } from './faultStack';
import {
  faultTenant,
  prepareNamespaces,
  storedInAws,
  topology,
  write,
} from './faultTestKit';
import { awsError } from './httpFaultInjector';

const tenants = {
  throttled: faultTenant('f-aws-throttled'),
  transient: faultTenant('f-aws-transient'),
  serverError: faultTenant('f-aws-5xx'),
  hung: faultTenant('f-aws-hung'),
  reset: faultTenant('f-aws-reset'),
  cut: faultTenant('f-aws-cut'),
};

/** Keys a tenant had before the fault; a fault must never lose them. */
const BEFORE = { KEPT: 'kept-value', OTHER: 'other-value' };

describe('AWS Secrets Manager faults, injected between the backend and moto', () => {
  let stack: FaultStack;
  let backend: RunningBackend;

  beforeAll(async () => {
    readSandbox();
    stack = await startFaultStack();
    backend = await stack.startBackend({
      entities: Object.values(tenants).map(tenant => tenant.entity),
    });
    for (const tenant of Object.values(tenants)) {
      await prepareNamespaces(tenant);
      const seeded = await write(
        backend.baseUrl,
        tenant,
        ['dev', 'prod'],
        BEFORE,
      );
      if (seeded.status !== 200) {
        throw new Error(`seeding ${tenant.key} answered ${seeded.status}`);
      }
    }
  }, 120_000);

  afterEach(() => stack.heal());

  afterAll(async () => {
    await stack?.stop();
  });

  it('throttling on every call: that environment reports "throttled" on the AWS hop, the other is unaffected', async () => {
    stack.hops.dev.aws.add({
      match: () => true,
      status: 400,
      body: awsError('ThrottlingException', 'Rate exceeded'),
    });

    const { status, byName } = await topology(
      backend.baseUrl,
      tenants.throttled,
    );

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      status: 'error',
      reason: { code: 'throttled', hop: 'aws' },
    });
    expect(byName.prod.status).not.toBe('error');
    expect(byName.prod.aws.exists).toBe(true);
  });

  it('a single throttled write is retried: written once, one new version, nothing lost', async () => {
    const before = await storedInAws('dev', tenants.transient);
    stack.hops.dev.aws.add({
      match: request => request.operation === 'PutSecretValue',
      status: 400,
      body: awsError('ThrottlingException', 'Rate exceeded'),
      times: 1,
    });

    const { status, byName } = await write(
      backend.baseUrl,
      tenants.transient,
      ['dev'],
      {
        ADDED: 'added-value',
      },
    );
    const after = await storedInAws('dev', tenants.transient);

    expect(stack.hops.dev.aws.injected).toHaveLength(1);
    expect(status).toBe(200);
    expect(byName.dev.outcome).toBe('written');
    expect(
      after.versions.filter(v => !before.versions.includes(v)),
    ).toHaveLength(1);
    expect(after.values).toEqual({ ...BEFORE, ADDED: 'added-value' });
  });

  it('AWS answers 500 to writes in one account: that environment fails with a reason, the other is written, the failed document is untouched', async () => {
    stack.hops.dev.aws.add({
      match: request => request.operation === 'PutSecretValue',
      status: 500,
      body: awsError('InternalServiceError', 'An internal error occurred'),
    });

    const { status, byName, text } = await write(
      backend.baseUrl,
      tenants.serverError,
      ['dev', 'prod'],
      { ADDED: 'secret-canary-5xx' },
    );

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      outcome: 'failed',
      error: { hop: 'aws', message: expect.stringMatching(/\w/) },
    });
    expect(byName.prod.outcome).toBe('written');
    expect(text).not.toContain('secret-canary-5xx');
    expect((await storedInAws('dev', tenants.serverError)).values).toEqual(
      BEFORE,
    );
    expect((await storedInAws('prod', tenants.serverError)).values).toEqual({
      ...BEFORE,
      ADDED: 'secret-canary-5xx',
    });
  });

  it('AWS stops answering (timeout): topology and write answer within 10 s, that environment unreachable, nothing lost', async () => {
    await stack.hang(stack.hops.dev.awsProxy);

    const { status, byName } = await topology(
      backend.baseUrl,
      tenants.hung,
      10_000,
    );

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      status: 'error',
      reason: { code: 'unreachable', hop: 'aws' },
    });
    expect(byName.prod.status).not.toBe('error');

    const written = await write(
      backend.baseUrl,
      tenants.hung,
      ['dev', 'prod'],
      { ADDED: 'secret-canary-hung' },
      10_000,
    );
    expect(written.byName.dev).toMatchObject({
      outcome: 'failed',
      error: { code: 'unreachable', hop: 'aws' },
    });
    expect(written.byName.prod.outcome).toBe('written');
    expect(written.text).not.toContain('secret-canary-hung');
    expect((await storedInAws('dev', tenants.hung)).values).toEqual(BEFORE);
  }, 40_000);

  it('AWS resets connections: that environment is unreachable, a write there fails and loses nothing', async () => {
    await stack.toxiproxy.client.addToxic(stack.hops.dev.awsProxy, {
      type: 'reset_peer',
      attributes: { timeout: 0 },
    });

    const read = await topology(backend.baseUrl, tenants.reset);
    const written = await write(
      backend.baseUrl,
      tenants.reset,
      ['dev', 'prod'],
      {
        ADDED: 'added-value',
      },
    );

    expect(read.byName.dev).toMatchObject({
      status: 'error',
      reason: { code: 'unreachable', hop: 'aws' },
    });
    expect(written.byName.dev).toMatchObject({
      outcome: 'failed',
      error: { code: 'unreachable', hop: 'aws' },
    });
    expect(written.byName.prod.outcome).toBe('written');
    expect((await storedInAws('dev', tenants.reset)).values).toEqual(BEFORE);
  });

  it('AWS answers are cut short: that environment reports an error instead of a wrong status', async () => {
    await stack.toxiproxy.client.addToxic(stack.hops.dev.awsProxy, {
      type: 'limit_data',
      attributes: { bytes: 64 },
    });

    const { status, byName } = await topology(backend.baseUrl, tenants.cut);

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      status: 'error',
      reason: { hop: 'aws', message: expect.stringMatching(/\w/) },
    });
    expect(byName.prod.status).not.toBe('error');
  });
});
