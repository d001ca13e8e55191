import type {
  Consumer,
  EntityTopology,
  Environment,
  EnvironmentHops,
  EnvironmentTopology,
  HopHealth,
  KeyStatus,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';

/**
 * Realistic topologies for component tests and the dev harness: one
 * environment, six environments, and every status.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Options for {@link environmentFixture}. */
export interface EnvironmentFixtureOptions {
  name: string;
  title?: string;
  status: SyncStatus;
  restricted?: boolean;
  engine?: Environment['engine'];
  tenantKey?: string;
  now?: number;
  keys?: string[];
}

const ACCOUNTS = { nonProd: '111111111111', prod: '222222222222' };
const DEFAULT_KEYS = ['DATABASE_URL', 'STRIPE_API_KEY', 'SENTRY_DSN'];

/** An environment definition as the platform team configures it. */
export function environmentDefinition(
  options: Pick<
    EnvironmentFixtureOptions,
    'name' | 'title' | 'restricted' | 'engine'
  >,
): Environment {
  const restricted = options.restricted ?? false;
  return {
    name: options.name,
    title: options.title ?? options.name,
    restricted,
    engine: options.engine ?? 'namespace-annotation',
    aws: {
      accountId: restricted ? ACCOUNTS.prod : ACCOUNTS.nonProd,
      region: options.name.startsWith('eu') ? 'eu-west-1' : 'us-east-1',
    },
    cluster: { name: restricted ? 'prod' : 'dev' },
  };
}

function consumers(stalePodsSince?: number): Consumer[] {
  return [
    {
      kind: 'Deployment',
      name: 'web',
      via: ['envFrom'],
      stalePods:
        stalePodsSince === undefined
          ? []
          : [
              {
                name: 'web-7d9f8c6b5-x2kqp',
                startedAt: new Date(stalePodsSince - 6 * HOUR),
              },
              {
                name: 'web-7d9f8c6b5-m8zrt',
                startedAt: new Date(stalePodsSince - 5 * HOUR),
              },
            ],
    },
    { kind: 'CronJob', name: 'nightly-report', via: ['env'], stalePods: [] },
  ];
}

function keyStatuses(
  names: string[],
  shape: (name: string, index: number) => Omit<KeyStatus, 'name'>,
): KeyStatus[] {
  return names.map((name, index) => ({ name, ...shape(name, index) }));
}

const OK: HopHealth = { health: 'ok' };
const NOT_CREATED: HopHealth = { health: 'inactive', state: 'not created' };
const SYNC_ENABLED: HopHealth = { health: 'ok', state: 'sync enabled' };
const STALE_WEB: HopHealth = { health: 'warning', state: '2 pods on old values' };

/** The hops as the backend judges them for the facts of each status. */
function hops(
  secret: HopHealth,
  more: Partial<EnvironmentHops> = {},
): EnvironmentHops {
  return {
    aws: OK,
    namespace: SYNC_ENABLED,
    secret,
    workloads: [OK, OK],
    ...more,
  };
}

/**
 * One environment's topology in the given status, with matching facts and
 * the hop health the backend answers for them.
 */
export function environmentFixture(
  options: EnvironmentFixtureOptions,
): EnvironmentTopology {
  const now = options.now ?? Date.parse('2026-11-23T10:00:00Z');
  const tenant = options.tenantKey ?? 'checkout';
  const environment = environmentDefinition(options);
  const names = options.keys ?? DEFAULT_KEYS;
  const namespace = `sites-${tenant}`;
  const secretName = `sites/${tenant}/build`;
  const base: EnvironmentTopology = {
    environment,
    status: options.status,
    aws: {
      accountId: environment.aws.accountId,
      region: environment.aws.region,
      secretName,
      arn: `arn:aws:secretsmanager:${environment.aws.region}:${environment.aws.accountId}:secret:${secretName}-Ab12Cd`,
      exists: true,
      managed: true,
      versionId: 'a1f4c2e8-5b7d-4e3a-9c0f-2d6b8e1a7f35',
      lastChangedAt: new Date(now - 2 * DAY),
    },
    kubernetes: {
      cluster: environment.cluster.name,
      namespace,
      namespaceExists: true,
      optedIn: true,
      lastForceSyncAt: new Date(now - 2 * DAY - 10 * HOUR),
      secretName: 'build-secrets',
      secret: {
        owned: true,
        resourceVersion: '48213',
        updatedAt: new Date(now - 2 * DAY + 4000),
      },
    },
    keys: keyStatuses(names, () => ({
      inAws: true,
      inSecret: true,
      inSync: true,
    })),
    consumers: consumers(),
    hops: hops({
      health: 'ok',
      state: `${names.length}/${names.length} keys in sync`,
    }),
  };
  const inSync = (count: number, of: number) => `${count}/${of} keys in sync`;

  switch (options.status) {
    case 'synced':
      return base;
    case 'pending':
      return {
        ...base,
        aws: { ...base.aws, lastChangedAt: new Date(now - 20_000) },
        keys: [
          ...base.keys,
          {
            name: 'FEATURE_FLAGS_TOKEN',
            inAws: true,
            inSecret: false,
            inSync: false,
          },
        ],
        consumers: consumers(now - 20_000),
        hops: hops(
          { health: 'progress', state: inSync(names.length, names.length + 1) },
          { workloads: [STALE_WEB, OK] },
        ),
      };
    case 'drifted':
      return {
        ...base,
        aws: { ...base.aws, lastChangedAt: new Date(now - 3 * HOUR) },
        kubernetes: {
          ...base.kubernetes,
          secret: {
            owned: true,
            resourceVersion: '51007',
            updatedAt: new Date(now - 1 * HOUR),
          },
        },
        keys: keyStatuses(names, (_, i) => ({
          inAws: true,
          inSecret: true,
          inSync: i !== 1,
        })),
        consumers: consumers(now - 3 * HOUR),
        hops: hops(
          {
            health: 'warning',
            state: inSync(names.length - 1, names.length),
          },
          { workloads: [STALE_WEB, OK] },
        ),
      };
    case 'not-enabled':
      return {
        ...base,
        kubernetes: {
          ...base.kubernetes,
          optedIn: false,
          lastForceSyncAt: undefined,
          secret: undefined,
        },
        keys: keyStatuses(names, () => ({
          inAws: true,
          inSecret: false,
          inSync: false,
        })),
        consumers: [],
        hops: hops(NOT_CREATED, {
          namespace: { health: 'inactive', state: 'sync not enabled' },
          workloads: [],
        }),
      };
    case 'upstream-missing':
      return {
        ...base,
        aws: {
          ...base.aws,
          exists: false,
          arn: undefined,
          versionId: undefined,
          lastChangedAt: undefined,
        },
        kubernetes: {
          ...base.kubernetes,
          secret: undefined,
          lastForceSyncAt: undefined,
        },
        keys: [],
        consumers: [],
        hops: hops(NOT_CREATED, { aws: NOT_CREATED, workloads: [] }),
      };
    case 'unowned':
      return {
        ...base,
        kubernetes: {
          ...base.kubernetes,
          secret: {
            owned: false,
            resourceVersion: '1203',
            updatedAt: new Date(now - 40 * DAY),
          },
        },
        keys: keyStatuses(names, (_, i) => ({
          inAws: true,
          inSecret: i === 0,
          inSync: false,
        })),
        hops: hops({ health: 'error', state: 'not owned by the operator' }),
      };
    case 'namespace-missing':
      return {
        ...base,
        kubernetes: {
          ...base.kubernetes,
          namespaceExists: false,
          optedIn: false,
          lastForceSyncAt: undefined,
          secret: undefined,
        },
        keys: keyStatuses(names, () => ({
          inAws: true,
          inSecret: false,
          inSync: false,
        })),
        consumers: [],
        hops: hops(NOT_CREATED, {
          namespace: { health: 'warning', state: 'missing' },
          workloads: [],
        }),
      };
    case 'error':
    default:
      return {
        ...base,
        reason: {
          code: 'access-denied',
          hop: environment.engine === 'external-secret' ? 'eso' : 'aws',
          message: `User arn:aws:sts::${environment.aws.accountId}:assumed-role/secrets-sync-backend/portal is not authorized to perform secretsmanager:DescribeSecret on ${secretName}`,
        },
        eso:
          environment.engine === 'external-secret'
            ? {
                resourceName: 'build-secrets',
                apiVersion: 'external-secrets.io/v1',
                ready: 'False',
                reason: 'SecretSyncedError',
                message:
                  'could not get secret data from provider: AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue',
                refreshTime: new Date(now - 15 * 60_000),
                refreshPolicy: 'Periodic',
              }
            : undefined,
        keys: keyStatuses(names, () => ({
          inAws: true,
          inSecret: true,
          inSync: false,
        })),
        hops: hops(
          { health: 'error', state: inSync(0, names.length) },
          environment.engine === 'external-secret'
            ? {}
            : { aws: { health: 'error', state: 'access-denied' } },
        ),
      };
  }
}

/** A whole entity topology. */
export function entityTopologyFixture(
  environments: EnvironmentTopology[],
  options: { name?: string; tenantKey?: string } = {},
): EntityTopology {
  const name = options.name ?? 'checkout';
  return {
    entityRef: `component:default/${name}`,
    optedIn: true,
    mapping: {
      tenantKey: options.tenantKey ?? name,
      environments: environments.map(e => e.environment.name),
      environmentsSource: 'entity',
    },
    environments,
  };
}

/** One environment, in sync. */
export const singleEnvironmentTopology = entityTopologyFixture([
  environmentFixture({ name: 'dev', title: 'Development', status: 'synced' }),
]);

/** Six environments covering the statuses a busy component shows. */
export const sixEnvironmentTopology = entityTopologyFixture([
  environmentFixture({ name: 'dev', title: 'Development', status: 'synced' }),
  environmentFixture({ name: 'staging', title: 'Staging', status: 'pending' }),
  environmentFixture({ name: 'qa', title: 'QA', status: 'drifted' }),
  environmentFixture({
    name: 'perf',
    title: 'Performance',
    status: 'not-enabled',
  }),
  environmentFixture({
    name: 'eu-prod',
    title: 'Production EU',
    status: 'unowned',
    restricted: true,
  }),
  environmentFixture({
    name: 'prod',
    title: 'Production',
    status: 'error',
    restricted: true,
    engine: 'external-secret',
  }),
]);

/** A freshly onboarded component: nothing written yet, one namespace missing. */
export const newComponentTopology = entityTopologyFixture(
  [
    environmentFixture({
      name: 'dev',
      title: 'Development',
      status: 'upstream-missing',
      tenantKey: 'payments',
    }),
    environmentFixture({
      name: 'prod',
      title: 'Production',
      status: 'namespace-missing',
      restricted: true,
      tenantKey: 'payments',
    }),
  ],
  { name: 'payments' },
);
