import { ConfigReader } from '@backstage/config';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { readSecretsSyncConfig } from '../../config';
import type { AwsSecretsService } from '../AwsSecrets';
import type { ResolvedEntity } from '../EntityMapping';
import type { SyncEngine } from '../SyncEngine';
import type { TenantBindingService } from '../TenantBinding';
import { createSecretsSyncService } from './createSecretsSyncService';

const config = readSecretsSyncConfig(
  new ConfigReader({
    secretsSync: {
      environments: ['dev', 'qa', 'prod'].map((name, index) => ({
        name,
        restricted: name === 'prod',
        aws: { accountId: `${index + 1}`.repeat(12), region: 'us-east-1' },
        kubernetes: {
          name,
          url: `https://k8s-${name}`,
          auth: { type: 'serviceAccountToken', token: 't' },
        },
      })),
    },
  }),
);

const entity: ResolvedEntity = {
  entity: { apiVersion: 'v1', kind: 'Component', metadata: { name: 'web' } },
  entityRef: 'component:default/web',
  optedIn: true,
  mapping: {
    tenantKey: 'web',
    environments: ['dev', 'qa', 'gone'],
    environmentsSource: 'entity',
  },
};

describe('createSecretsSyncService', () => {
  const aws: jest.Mocked<AwsSecretsService> = {
    read: jest.fn(),
    readMetadata: jest.fn(),
    prefetch: jest.fn(),
    write: jest.fn(),
    invalidate: jest.fn(),
  };
  const engine: jest.Mocked<SyncEngine> = {
    awsSecretRef: jest.fn(),
    readStatus: jest.fn(),
    afterWrite: jest.fn(),
    forceSync: jest.fn(),
    setEnabled: jest.fn(),
  };
  const binding: jest.Mocked<TenantBindingService> = {
    read: jest.fn(),
    assertBound: jest.fn(),
    readStatus: jest.fn(),
  };
  const service = createSecretsSyncService({
    config,
    mapping: { resolve: jest.fn(), resolveAll: jest.fn() },
    aws,
    engines: () => engine,
    binding,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });

  beforeEach(() => {
    jest.resetAllMocks();
    engine.awsSecretRef.mockImplementation(target => ({
      ...target.environment.aws,
      name: `sites/${target.tenantKey}/build`,
    }));
    binding.readStatus.mockImplementation(target => engine.readStatus(target));
  });

  it('keeps one failing environment from failing the others', async () => {
    engine.readStatus.mockImplementation(async target => {
      if (target.environment.name === 'qa') {
        throw new Error('engine bug');
      }
      return {
        status: 'synced',
        environment: { name: target.environment.name },
        aws: { exists: true },
        kubernetes: {
          namespaceExists: true,
          optedIn: true,
          secret: { owned: true },
        },
        keys: [],
        consumers: [],
      } as unknown as EnvironmentTopology;
    });
    const topology = await service.getTopology(entity);
    expect(
      topology.environments.map(env => [
        env.environment.name,
        env.status,
        env.reason?.message,
        env.hops?.secret.health,
      ]),
    ).toEqual([
      ['dev', 'synced', undefined, 'ok'],
      ['qa', 'error', 'engine bug', 'error'],
    ]);
    expect(topology.mapping?.unknownEnvironments).toEqual(['gone']);
  });

  it('names unknown environments, and the configured ones', () => {
    expect(() => service.getEnvironments(['dev', 'staging', 'uat'])).toThrow(
      'Unknown environment "staging", "uat"; configured: dev, qa, prod',
    );
    expect(service.getEnvironments(['qa', 'qa']).map(env => env.name)).toEqual([
      'qa',
    ]);
  });

  it('refuses targets outside the entity, not opted in, or with an invalid key', async () => {
    const [prod] = service.getEnvironments(['prod']);
    expect(() => service.targetsFor(entity, [prod])).toThrow(
      'component:default/web does not run in prod; its environments are: dev, qa, gone',
    );
    expect(() =>
      service.targetsFor({ ...entity, optedIn: false, mapping: undefined }, [
        prod,
      ]),
    ).toThrow('has not opted in to secrets-sync');
    expect(() =>
      service.targetsFor(
        { ...entity, invalidTenantKey: 'Tenant key "Web" does not match' },
        service.getEnvironments(['dev']),
      ),
    ).toThrow(
      expect.objectContaining({
        name: 'ConflictError',
        message: 'Tenant key "Web" does not match',
      }),
    );
  });

  it('lets the binding, not a second claimant, decide', async () => {
    const conflict = {
      message: 'Another catalog entity also claims tenant key "web"',
      claimants: ['component:default/web'],
    };
    const claimed = { ...entity, mapping: { ...entity.mapping!, conflict } };
    const targets = service.targetsFor(
      claimed,
      service.getEnvironments(['dev', 'qa']),
    );
    expect(targets).toHaveLength(2);
    await service.assertBound(targets);
    expect(binding.assertBound).toHaveBeenCalledTimes(2);

    binding.assertBound.mockRejectedValueOnce(new Error('not bound'));
    await expect(service.assertBound(targets)).rejects.toThrow('not bound');
  });

  it('in a restricted environment writes a new version every time and never says unchanged', async () => {
    const [prod] = config.environments.filter(env => env.name === 'prod');
    const target = {
      environment: prod,
      tenantKey: 'web',
      entityRef: 'component:default/web',
    };
    aws.write.mockResolvedValueOnce({
      outcome: 'unchanged',
      created: false,
      keys: [],
      attempts: 0,
    });
    await expect(
      service.writeValues(target, { mode: 'merge', set: {}, unset: ['A'] }),
    ).resolves.toMatchObject({ outcome: 'written' });
    expect(aws.write).toHaveBeenLastCalledWith(
      expect.objectContaining({ alwaysNewVersion: true }),
    );
  });

  it('records each write for the history with who wrote it, failed ones too, and only key names', async () => {
    const recorder = { recordWrite: jest.fn(async () => undefined) };
    const recorded = createSecretsSyncService({
      config,
      mapping: { resolve: jest.fn(), resolveAll: jest.fn() },
      aws,
      engines: () => engine,
      binding,
      recorder,
    });
    const [target] = recorded.targetsFor(
      entity,
      recorded.getEnvironments(['dev']),
    );
    aws.write.mockResolvedValueOnce({
      outcome: 'written',
      created: false,
      versionId: 'v7',
      keys: ['A', 'B'],
      attempts: 1,
    });
    engine.afterWrite.mockResolvedValue({ syncRequested: true });
    const change = {
      mode: 'merge' as const,
      set: { A: 'CANARY-recorded' },
      unset: ['C'],
    };
    await recorded.writeValues(target, change, { actor: 'user:default/ana' });
    aws.write.mockRejectedValueOnce(new Error('throttled'));
    await expect(
      recorded.writeValues(target, change, { actor: 'user:default/ana' }),
    ).rejects.toThrow('throttled');

    expect(recorder.recordWrite.mock.calls).toEqual([
      [
        expect.objectContaining({
          actor: 'user:default/ana',
          keysSet: ['A'],
          keysUnset: ['C'],
          outcome: 'written',
          versionId: 'v7',
        }),
      ],
      [expect.objectContaining({ outcome: 'failed', versionId: undefined })],
    ]);
    expect(JSON.stringify(recorder.recordWrite.mock.calls)).not.toContain(
      'CANARY',
    );
  });

  it("does not sync another entity's AWS secret into this namespace", async () => {
    const [target] = service.targetsFor(
      entity,
      service.getEnvironments(['dev']),
    );
    aws.read.mockResolvedValue({
      exists: true,
      managed: true,
      entityRef: 'component:default/squatter',
    });
    await expect(service.forceSync(target)).rejects.toMatchObject({
      name: 'ConflictError',
    });
    await expect(service.setEnabled(target, true)).rejects.toMatchObject({
      name: 'ConflictError',
    });
    expect(engine.forceSync).not.toHaveBeenCalled();
    expect(engine.setEnabled).not.toHaveBeenCalled();
    // disabling stops the values reaching the namespace: always allowed
    await service.setEnabled(target, false);
    expect(engine.setEnabled).toHaveBeenCalledWith(target, false);
  });

  it('asks the engine to sync after every write that left a version, unchanged too, so a retry heals a failed sync request', async () => {
    const [target] = service.targetsFor(
      entity,
      service.getEnvironments(['dev']),
    );
    const change = { mode: 'merge' as const, set: { A: '1' }, unset: [] };
    aws.write.mockResolvedValueOnce({
      outcome: 'unchanged',
      created: false,
      keys: [],
      attempts: 0,
    });
    await expect(
      service.writeValues(target, { mode: 'merge', set: {}, unset: ['A'] }),
    ).resolves.toMatchObject({ outcome: 'unchanged', syncRequested: false });
    expect(engine.afterWrite).not.toHaveBeenCalled();

    aws.write.mockResolvedValueOnce({
      outcome: 'unchanged',
      created: false,
      versionId: 'v1',
      keys: ['A'],
      attempts: 1,
    });
    engine.afterWrite.mockResolvedValueOnce({ syncRequested: true });
    await expect(service.writeValues(target, change)).resolves.toEqual({
      environment: 'dev',
      outcome: 'unchanged',
      versionId: 'v1',
      keys: ['A'],
      syncRequested: true,
    });
    expect(engine.afterWrite).toHaveBeenCalledTimes(1);

    aws.write.mockResolvedValueOnce({
      outcome: 'written',
      created: false,
      versionId: 'v2',
      keys: ['A'],
      attempts: 1,
    });
    engine.afterWrite.mockResolvedValueOnce({ syncRequested: true });
    await expect(service.writeValues(target, change)).resolves.toMatchObject({
      outcome: 'written',
      syncRequested: true,
    });
    expect(aws.write).toHaveBeenLastCalledWith({
      ref: {
        accountId: '111111111111',
        region: 'us-east-1',
        name: 'sites/web/build',
      },
      change,
      entityRef: 'component:default/web',
      alwaysNewVersion: false,
    });
  });
});
