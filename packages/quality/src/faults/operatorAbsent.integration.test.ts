import { readSandbox } from '@internal/sandbox';
import type { RunningBackend } from '../harness/startBackend';
import { FaultStack, startFaultStack } from './faultStack';
import {
  faultTenant,
  prepareNamespaces,
  topology,
  write,
} from './faultTestKit';

const GRACE_SECONDS = 3;

const tenant = faultTenant('f-no-operator');

describe('no operator materialises the Secret', () => {
  let stack: FaultStack;
  let backend: RunningBackend;

  beforeAll(async () => {
    readSandbox();
    stack = await startFaultStack();
    backend = await stack.startBackend({
      entities: [tenant.entity],
      pendingGracePeriodSeconds: GRACE_SECONDS,
    });
    await prepareNamespaces(tenant);
    const written = await write(backend.baseUrl, tenant, ['dev'], {
      API_KEY: 'value-only-in-aws',
    });
    if (written.byName.dev.outcome !== 'written') {
      throw new Error(`seeding answered ${written.byName.dev.outcome}`);
    }
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('is "pending" within the grace period after the write, each key in AWS and not yet in the Secret', async () => {
    const { byName } = await topology(backend.baseUrl, tenant);

    expect(byName.dev).toMatchObject({
      status: 'pending',
      kubernetes: { optedIn: true, namespaceExists: true },
      keys: [{ name: 'API_KEY', inAws: true, inSecret: false, inSync: false }],
    });
    expect(byName.dev.kubernetes.secret).toBeUndefined();
  });

  it('turns "drifted" once the grace period has passed', async () => {
    await new Promise(resolve =>
      setTimeout(resolve, (GRACE_SECONDS + 1) * 1000),
    );

    const { byName } = await topology(backend.baseUrl, tenant);

    expect(byName.dev).toMatchObject({
      status: 'drifted',
      keys: [{ name: 'API_KEY', inAws: true, inSecret: false, inSync: false }],
    });
  }, 15_000);

  it('says why it drifted: the Secret was never created', async () => {
    const { byName } = await topology(backend.baseUrl, tenant);

    expect(byName.dev.reason?.message).toMatch(/build-secrets|operator/);
  });
});
