import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT,
  DEFAULT_TENANT_KEY_PATTERN,
} from '@internal/plugin-secrets-sync-common';
import { readSecretsSyncConfig } from './readSecretsSyncConfig';

function environment(overrides: JsonObject = {}): JsonObject {
  return {
    name: 'dev',
    aws: { accountId: '111111111111', region: 'us-east-1' },
    kubernetes: {
      name: 'dev',
      url: 'https://127.0.0.1:6443',
      auth: { type: 'serviceAccountToken', token: 't' },
    },
    ...overrides,
  };
}

function read(secretsSync: JsonObject) {
  return readSecretsSyncConfig(new ConfigReader({ secretsSync }));
}

describe('readSecretsSyncConfig', () => {
  it('applies every default of a minimal environment', () => {
    const config = read({ environments: [environment()] });
    expect(config.tenantKeyPattern.source).toBe(DEFAULT_TENANT_KEY_PATTERN);
    expect(config.pendingGracePeriodMs).toBe(120_000);
    expect(config.restrictedWriters).toEqual([]);
    expect(config.environments[0]).toMatchObject({
      name: 'dev',
      title: 'dev',
      restricted: false,
      kubernetes: { skipTLSVerify: false },
      engine: {
        type: 'namespace-annotation',
        contract: DEFAULT_NAMESPACE_ANNOTATION_CONTRACT,
      },
    });
  });

  it('reads overrides of the contract, the grace period and the pattern', () => {
    const config = read({
      tenantKeyPattern: '^[a-z]+$',
      pendingGracePeriod: { minutes: 5 },
      restrictedWriters: ['group:default/platform-team'],
      environments: [
        environment({
          restricted: true,
          kubernetes: {
            name: 'eks-prod',
            url: 'https://eks.example.com',
            caFile: 'ca.crt',
            auth: { type: 'aws' },
          },
          engine: { secretName: 'app-secrets', ownerLabels: { owner: 'me' } },
        }),
      ],
    });
    expect(config.tenantKeyPattern.test('abc')).toBe(true);
    expect(config.tenantKeyPattern.test('a-b')).toBe(false);
    expect(config.pendingGracePeriodMs).toBe(300_000);
    expect(config.restrictedWriters).toEqual(['group:default/platform-team']);
    const [env] = config.environments;
    expect(env.restricted).toBe(true);
    expect(env.kubernetes.auth).toEqual({
      type: 'aws',
      clusterName: 'eks-prod',
    });
    expect(env.kubernetes.caFile).toMatch(/^\/.*ca\.crt$/);
    expect(env.engine).toMatchObject({
      type: 'namespace-annotation',
      contract: {
        secretName: 'app-secrets',
        ownerLabels: { owner: 'me' },
        namespaceTemplate: 'sites-{tenant}',
      },
    });
  });

  it.each([
    [
      'a missing account id',
      { aws: { region: 'us-east-1' } },
      'secretsSync.environments[0].aws.accountId',
    ],
    [
      'an account id that is not 12 digits',
      { aws: { accountId: '1234', region: 'us-east-1' } },
      "'secretsSync.environments[0].aws.accountId'",
    ],
    [
      'a bad region',
      { aws: { accountId: '111111111111', region: 'mars' } },
      "'secretsSync.environments[0].aws.region'",
    ],
    [
      'a bad endpoint',
      {
        aws: {
          accountId: '111111111111',
          region: 'us-east-1',
          endpoint: 'nope',
        },
      },
      "'secretsSync.environments[0].aws.endpoint'",
    ],
    [
      'an upper-case name',
      { name: 'Dev' },
      "'secretsSync.environments[0].name'",
    ],
    [
      'an unknown engine',
      { engine: { type: 'carrier-pigeon' } },
      "'secretsSync.environments[0].engine.type'",
    ],
    [
      'a template without {tenant}',
      { engine: { namespaceTemplate: 'fixed' } },
      "'secretsSync.environments[0].engine.namespaceTemplate'",
    ],
    [
      'an unknown kubernetes auth type',
      {
        kubernetes: {
          name: 'dev',
          url: 'https://127.0.0.1:6443',
          auth: { type: 'password' },
        },
      },
      "'secretsSync.environments[0].kubernetes.auth.type'",
    ],
    [
      'a token auth without token',
      {
        kubernetes: {
          name: 'dev',
          url: 'https://127.0.0.1:6443',
          auth: { type: 'serviceAccountToken' },
        },
      },
      'secretsSync.environments[0].kubernetes.auth.token',
    ],
  ])('fails start-up on %s, naming the field', (_what, overrides, field) => {
    expect(() => read({ environments: [environment(overrides)] })).toThrow(
      field,
    );
  });

  it('fails on a duplicate environment and on a bad tenant key pattern', () => {
    expect(() =>
      read({ environments: [environment(), environment()] }),
    ).toThrow(
      `Invalid secrets-sync config at 'secretsSync.environments[1].name': environment "dev" is defined twice`,
    );
    expect(() =>
      read({ tenantKeyPattern: '([', environments: [environment()] }),
    ).toThrow("'secretsSync.tenantKeyPattern'");
  });

  it('reads an external-secret environment with ESO defaults, and its overrides', () => {
    const config = read({
      environments: [
        environment({ engine: { type: 'external-secret' } }),
        environment({
          name: 'staging',
          engine: {
            type: 'external-secret',
            namespaceTemplate: 'staging-{tenant}',
            apiVersions: ['v1beta1'],
          },
        }),
      ],
    });
    expect(config.environments.map(env => env.engine)).toEqual([
      {
        type: 'external-secret',
        contract: {
          namespaceTemplate: 'sites-{tenant}',
          awsKeyTemplate: 'sites/{tenant}/build',
          forceSyncAnnotation: 'force-sync',
          apiGroup: 'external-secrets.io',
          apiVersions: ['v1', 'v1beta1'],
        },
      },
      {
        type: 'external-secret',
        contract: expect.objectContaining({
          namespaceTemplate: 'staging-{tenant}',
          apiVersions: ['v1beta1'],
        }),
      },
    ]);
    expect(() =>
      read({
        environments: [
          environment({
            engine: { type: 'external-secret', apiVersions: ['latest'] },
          }),
        ],
      }),
    ).toThrow("'secretsSync.environments[0].engine.apiVersions'");
  });

  it('reads cache settings, with defaults', () => {
    expect(read({ environments: [environment()] }).cache).toEqual({
      awsMetadataTtlMs: 30_000,
      kubernetes: {
        enabled: true,
        resyncPeriodMs: 600_000,
        syncTimeoutMs: 10_000,
        watchTimeoutSeconds: 60,
      },
    });
    expect(
      read({
        environments: [environment()],
        cache: {
          awsMetadataTtl: { seconds: 0 },
          kubernetes: {
            enabled: false,
            resyncPeriod: { minutes: 1 },
            watchTimeout: { seconds: 5 },
          },
        },
      }).cache,
    ).toEqual({
      awsMetadataTtlMs: 0,
      kubernetes: {
        enabled: false,
        resyncPeriodMs: 60_000,
        syncTimeoutMs: 10_000,
        watchTimeoutSeconds: 5,
      },
    });
  });

  it('refuses a watch timeout the API server cannot take, naming the field', () => {
    expect(() =>
      read({
        environments: [environment()],
        cache: { kubernetes: { watchTimeout: { milliseconds: 1500 } } },
      }),
    ).toThrow(
      "Invalid secrets-sync config at 'secretsSync.cache.kubernetes.watchTimeout': must be a whole number of seconds",
    );
  });

  it('fails when there are no environments at all', () => {
    expect(() => readSecretsSyncConfig(new ConfigReader({}))).toThrow(
      'secretsSync.environments',
    );
  });
});
