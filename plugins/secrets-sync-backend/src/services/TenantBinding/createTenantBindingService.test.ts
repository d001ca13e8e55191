import { ConfigReader } from '@backstage/config';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import type { V1Namespace } from '@kubernetes/client-node';
import { readSecretsSyncConfig } from '../../config';
import type { SyncEngine, SyncTarget } from '../SyncEngine';
import { createTenantBindingService } from './createTenantBindingService';

const [dev, listed] = readSecretsSyncConfig(
  new ConfigReader({
    secretsSync: {
      environments: [
        {
          name: 'dev',
          aws: { accountId: '111111111111', region: 'us-east-1' },
          kubernetes: {
            name: 'dev',
            url: 'https://dev',
            auth: { type: 'serviceAccountToken', token: 't' },
          },
        },
        {
          name: 'legacy',
          aws: { accountId: '333333333333', region: 'us-east-1' },
          kubernetes: {
            name: 'legacy',
            url: 'https://legacy',
            auth: { type: 'serviceAccountToken', token: 't' },
          },
          binding: { tenants: { web: 'Component:default/web' } },
        },
      ],
    },
  }),
).environments;

const CANARY_FACT = 'victim-only-key-name';

const target = (overrides: Partial<SyncTarget> = {}): SyncTarget => ({
  environment: dev,
  tenantKey: 'web',
  entityRef: 'component:default/web',
  ...overrides,
});

function namespaceWith(annotations?: Record<string, string>): V1Namespace {
  return { metadata: { name: 'sites-web', annotations } };
}

describe('createTenantBindingService', () => {
  const getNamespace = jest.fn();
  const engine = {
    readStatus: jest.fn(),
  } as unknown as jest.Mocked<SyncEngine>;
  const binding = createTenantBindingService({
    kubernetes: { getNamespace },
    engines: () => engine,
  });

  beforeEach(() => {
    jest.resetAllMocks();
    engine.readStatus.mockResolvedValue({
      status: 'synced',
      keys: [{ name: CANARY_FACT, inAws: true, inSecret: true, inSync: true }],
    } as EnvironmentTopology);
  });

  it.each([
    [undefined, 'namespace-missing'],
    [namespaceWith(), 'unbound'],
    [namespaceWith({ 'secrets-sync.io/entity': 'not a ref' }), 'unbound'],
    [
      namespaceWith({ 'secrets-sync.io/entity': 'component:default/other' }),
      'bound-elsewhere',
    ],
    [
      namespaceWith({ 'secrets-sync.io/entity': ' Component:Default/web ' }),
      'bound',
    ],
  ])('reads the namespace annotation: %j is %s', async (namespace, state) => {
    getNamespace.mockResolvedValue(namespace);
    await expect(binding.read(target())).resolves.toEqual({
      source: 'namespace',
      namespace: 'sites-web',
      state,
    });
  });

  it('takes the platform tenant list, where an environment has one, over any namespace', async () => {
    getNamespace.mockResolvedValue(
      namespaceWith({ 'secrets-sync.io/entity': 'component:default/squatter' }),
    );
    expect(
      (await binding.read(target({ environment: listed }))).state,
    ).toBe('bound');
    expect(
      (
        await binding.read(
          target({ environment: listed, entityRef: 'component:default/squatter' }),
        )
      ).state,
    ).toBe('bound-elsewhere');
    expect(
      (await binding.read(target({ environment: listed, tenantKey: 'api' })))
        .state,
    ).toBe('unbound');
    expect(getNamespace).not.toHaveBeenCalled();
  });

  it('checks mutations against the API server, not a cache, and says who must bind', async () => {
    getNamespace.mockResolvedValue(namespaceWith());
    await expect(binding.assertBound(target())).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'annotating the namespace: secrets-sync.io/entity=component:default/web',
      ),
    });
    expect(getNamespace).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'dev' }),
      'sites-web',
      { consistent: true },
    );
  });

  it('never names the entity another binding names', async () => {
    getNamespace.mockResolvedValue(
      namespaceWith({ 'secrets-sync.io/entity': 'component:default/victim' }),
    );
    const refusal = binding.assertBound(
      target({ entityRef: 'component:default/squatter' }),
    );
    await expect(refusal).rejects.toThrow('bound to another entity');
    await expect(refusal).rejects.not.toThrow('victim');
  });

  it('withholds every fact of an environment not bound to the entity', async () => {
    getNamespace.mockResolvedValue(
      namespaceWith({ 'secrets-sync.io/entity': 'component:default/victim' }),
    );
    const status = await binding.readStatus(
      target({ entityRef: 'component:default/squatter' }),
    );
    expect(status).toMatchObject({
      status: 'error',
      withheld: true,
      reason: { code: 'not-bound', hop: 'binding' },
      keys: [],
      consumers: [],
    });
    expect(JSON.stringify(status)).not.toContain(CANARY_FACT);
    expect(JSON.stringify(status)).not.toContain('victim');
  });

  it('shows the engine status of a bound environment as it is', async () => {
    getNamespace.mockResolvedValue(
      namespaceWith({ 'secrets-sync.io/entity': 'component:default/web' }),
    );
    await expect(binding.readStatus(target())).resolves.toMatchObject({
      status: 'synced',
      keys: [{ name: CANARY_FACT }],
    });
  });

  it('withholds the facts when the binding cannot be read, saying why', async () => {
    getNamespace.mockRejectedValue(new Error('connect ECONNREFUSED'));
    await expect(binding.readStatus(target())).resolves.toMatchObject({
      status: 'error',
      withheld: true,
      keys: [],
    });
  });
});
