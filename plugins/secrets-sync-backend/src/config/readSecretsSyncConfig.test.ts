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
      tenantKeyPattern: '^[a-z]{1,20}$',
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

  it('accepts platform readers as entity refs and refuses anything else at start-up', () => {
    expect(() =>
      read({
        platformReaders: ['group:default/platform-team'],
        environments: [environment()],
      }),
    ).not.toThrow();
    expect(() =>
      read({ platformReaders: [''], environments: [environment()] }),
    ).toThrow("'secretsSync.platformReaders[0]'");
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
            namespaceTemplate: 'stg-{tenant}',
            awsKeyTemplate: 'stg/{tenant}/build',
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
          namespaceTemplate: 'stg-{tenant}',
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
      fleetStatusTtlMs: 5_000,
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
          fleetStatusTtl: { seconds: 0 },
          kubernetes: {
            enabled: false,
            resyncPeriod: { minutes: 1 },
            watchTimeout: { seconds: 5 },
          },
        },
      }).cache,
    ).toEqual({
      awsMetadataTtlMs: 0,
      fleetStatusTtlMs: 0,
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

  it('defaults tenant kinds, bindings and rate limits', () => {
    const config = read({ environments: [environment()] });
    expect(config.tenantKinds).toEqual(['component']);
    expect(config.environments[0].binding).toEqual({
      annotation: 'secrets-sync.io/entity',
    });
    expect(config.rateLimit).toEqual({
      windowMs: 60_000,
      writes: { perUser: 20, perEntity: 40 },
      forceSyncs: { perUser: 20, perEntity: 40 },
      restarts: { perUser: 10, perEntity: 20 },
    });
  });

  it('checks owners’ environments every 5 minutes unless told otherwise', () => {
    expect(read({ environments: [environment()] }).notifications).toEqual({
      statusCheckIntervalMs: 300_000,
    });
    expect(
      read({
        notifications: { statusCheckInterval: { minutes: 2 } },
        environments: [environment()],
      }).notifications,
    ).toEqual({ statusCheckIntervalMs: 120_000 });
  });

  it('reads tenant kinds in lower case, a binding with the platform tenant list in canonical form, and rate limits', () => {
    const config = read({
      tenantKinds: ['Component', 'Resource'],
      rateLimit: {
        window: { minutes: 5 },
        writes: { perUser: 2 },
        forceSyncs: { perEntity: 7 },
        restarts: { perUser: 3 },
      },
      environments: [
        environment({
          binding: {
            annotation: 'platform.example.com/owner',
            tenants: {
              web: 'Component:web',
              db: 'resource:Team-A/db',
            },
          },
        }),
      ],
    });
    expect(config.tenantKinds).toEqual(['component', 'resource']);
    expect(config.environments[0].binding).toEqual({
      annotation: 'platform.example.com/owner',
      tenants: {
        web: 'component:default/web',
        db: 'resource:team-a/db',
      },
    });
    expect(config.rateLimit).toEqual({
      windowMs: 300_000,
      writes: { perUser: 2, perEntity: 40 },
      forceSyncs: { perUser: 20, perEntity: 7 },
      restarts: { perUser: 3, perEntity: 20 },
    });
  });

  it.each([
    [
      'a binding to something that is not an entity ref',
      { environments: [environment({ binding: { tenants: { web: 'web' } } })] },
      `'secretsSync.environments[0].binding.tenants["web"]': must be an entity ref`,
    ],
    [
      'a binding to a kind that is not a tenant kind',
      {
        environments: [
          environment({ binding: { tenants: { web: 'system:default/web' } } }),
        ],
      },
      'binds to a system, which is not one of secretsSync.tenantKinds',
    ],
    [
      'a binding of a key the pattern refuses',
      {
        environments: [
          environment({
            binding: { tenants: { 'web ': 'component:default/web' } },
          }),
        ],
      },
      'tenant key "web " does not match secretsSync.tenantKeyPattern',
    ],
    [
      'a binding annotation the backend would set for the tenant',
      {
        environments: [
          environment({
            binding: { annotation: 'deco.sites/build-secrets-managed' },
          }),
        ],
      },
      "is also the engine's optInAnnotation, which the backend sets on a tenant's behalf",
    ],
    [
      'a binding annotation that is not an annotation key',
      { environments: [environment({ binding: { annotation: 'a b' } })] },
      `'secretsSync.environments[0].binding.annotation'`,
    ],
    [
      'a tenant kind that is not a kind',
      { tenantKinds: ['comp onent'], environments: [environment()] },
      `'secretsSync.tenantKinds[0]'`,
    ],
    [
      'a status check more often than every minute',
      {
        notifications: { statusCheckInterval: { seconds: 10 } },
        environments: [environment()],
      },
      `'secretsSync.notifications.statusCheckInterval': must be at least 1 minute`,
    ],
    [
      'a rate limit of zero',
      { rateLimit: { writes: { perUser: 0 } }, environments: [environment()] },
      `'secretsSync.rateLimit.writes.perUser': must be a whole number, at least 1`,
    ],
    [
      'a rate limit window under a second',
      {
        rateLimit: { window: { milliseconds: 10 } },
        environments: [environment()],
      },
      `'secretsSync.rateLimit.window'`,
    ],
  ])('fails start-up on %s', (_what, secretsSync, message) => {
    expect(() => read(secretsSync as JsonObject)).toThrow(message);
  });

  it.each(['[a-z]+', '^[a-z]+', '[a-z]+$', '^[a-z]+\\$', '^a|b$'])(
    'refuses the unanchored tenant key pattern %s',
    tenantKeyPattern => {
      expect(() =>
        read({ tenantKeyPattern, environments: [environment()] }),
      ).toThrow(
        `Invalid secrets-sync config at 'secretsSync.tenantKeyPattern': "${tenantKeyPattern}" must be anchored`,
      );
    },
  );

  it('refuses the 63-character DNS label pattern, which renders 69-character namespaces', () => {
    expect(() =>
      read({
        tenantKeyPattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
        environments: [environment()],
      }),
    ).toThrow(
      `Invalid secrets-sync config at 'secretsSync.tenantKeyPattern': it accepts tenant keys of 58 characters (such as "${'a'.repeat(
        58,
      )}"), with which environment "dev" renders a namespace of 64 characters from secretsSync.environments[0].engine.namespaceTemplate "sites-{tenant}"; Kubernetes allows 63. Allow keys of at most 57 characters there`,
    );
  });

  it.each([
    ['a longer prefix', { namespaceTemplate: 'staging-{tenant}' }, 56],
    [
      'a template with the key twice',
      { namespaceTemplate: '{tenant}-{tenant}' },
      32,
    ],
  ])('probes the default pattern against %s', (_what, engine, length) => {
    expect(() => read({ environments: [environment({ engine })] })).toThrow(
      `it accepts tenant keys of ${length} characters`,
    );
  });

  it('probes shapes other than a run of one letter', () => {
    expect(() =>
      read({
        tenantKeyPattern: '^([a-z]-)*[a-z]$',
        environments: [environment()],
      }),
    ).toThrow('such as "a-a-a-a');
    expect(() =>
      read({
        tenantKeyPattern: '^[a-z]{1,57}$',
        environments: [environment()],
      }),
    ).not.toThrow();
  });

  const second = (overrides: JsonObject) =>
    environment({
      name: 'qa',
      aws: { accountId: '222222222222', region: 'us-east-1' },
      kubernetes: {
        name: 'qa',
        url: 'https://qa.example.com',
        auth: { type: 'serviceAccountToken', token: 't' },
      },
      ...overrides,
    });

  it.each([
    [
      'the same cluster name',
      second({
        kubernetes: {
          name: 'dev',
          url: 'https://other',
          auth: { type: 'serviceAccountToken', token: 't' },
        },
        engine: { namespaceTemplate: 'sites-{tenant}-qa' },
      }),
      `'secretsSync.environments[1].engine.namespaceTemplate': environments "dev" and "qa" share cluster dev, and their namespace templates "sites-{tenant}" and "sites-{tenant}-qa" can render the same namespace`,
    ],
    [
      'the same cluster URL',
      second({
        kubernetes: {
          name: 'other-name',
          url: 'https://127.0.0.1:6443/',
          auth: { type: 'serviceAccountToken', token: 't' },
        },
      }),
      `'secretsSync.environments[1].engine.namespaceTemplate'`,
    ],
    [
      'the same AWS account and region',
      second({
        aws: { accountId: '111111111111', region: 'us-east-1' },
        engine: { awsKeyTemplate: 'sites/{tenant}' },
      }),
      `'secretsSync.environments[1].engine.awsKeyTemplate': environments "dev" and "qa" share AWS account 111111111111 in us-east-1, and their AWS key templates "sites/{tenant}/build" and "sites/{tenant}" can render the same secret name`,
    ],
  ])('refuses overlapping templates in %s', (_what, qa, message) => {
    expect(() =>
      read({
        tenantKeyPattern: '^[a-z0-9]{1,20}$',
        environments: [environment(), qa],
      }),
    ).toThrow(message);
  });

  it('accepts environments sharing a cluster and an account with templates that cannot overlap', () => {
    const qa = second({
      aws: { accountId: '111111111111', region: 'us-east-1' },
      kubernetes: {
        name: 'dev',
        url: 'https://127.0.0.1:6443',
        auth: { type: 'serviceAccountToken', token: 't' },
      },
      engine: {
        namespaceTemplate: 'qa-{tenant}',
        awsKeyTemplate: 'qa/{tenant}/build',
      },
    });
    const otherRegion = second({
      name: 'eu',
      aws: { accountId: '111111111111', region: 'eu-west-1' },
    });
    expect(
      read({ environments: [environment(), qa, otherRegion] }).environments,
    ).toHaveLength(3);
  });

  it('fails when there are no environments at all', () => {
    expect(() => readSecretsSyncConfig(new ConfigReader({}))).toThrow(
      'secretsSync.environments',
    );
  });
});
