import {
  CreateSecretCommand,
  DescribeSecretCommand,
  paginateListSecrets,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { awsClientConfigFor, SANDBOX_ACCOUNTS } from '@internal/sandbox';
import type { EnvironmentSpec } from '../harness/backendConfig';
import { uniqueName } from '../harness/entities';
import { BenchStack, request } from './benchStack';
import { benchEntities, BenchTenant } from './seedTenants';
import { round1, round2, runPool, timed } from './stats';

/** P3's figures. @public */
export interface P3Result {
  entities: number;
  environments: number;
  latencyPerCallMs: number;
  concurrency: number;
  /** The fleet read as one topology view per entity: the only way today. */
  ours: { awsCalls: number; kubernetesCalls: number; ms: number };
  /** One DescribeSecret per (entity, environment) secret. */
  baseline: { awsCalls: number; ms: number };
  /**
   * What a fleet route could do instead: ListSecrets by name prefix, 100 per
   * page, which returns the same metadata (version stages, last change).
   */
  listSecrets: { awsCalls: number; ms: number; secrets: number };
  awsCallsRatio: number;
  timeRatio: number;
}

const ENVIRONMENTS: EnvironmentSpec[] = [
  { name: 'dev', cluster: 'dev' },
  {
    name: 'staging',
    cluster: 'dev',
    contract: { awsKeyTemplate: 'staging/{tenant}/build' },
  },
  { name: 'prod', cluster: 'prod' },
];

function secretsOf(tenant: string) {
  return [
    { account: SANDBOX_ACCOUNTS.dev, name: `sites/${tenant}/build` },
    { account: SANDBOX_ACCOUNTS.dev, name: `staging/${tenant}/build` },
    { account: SANDBOX_ACCOUNTS.prod, name: `sites/${tenant}/build` },
  ];
}

/**
 * P3: status of a fleet of `entities` components in three environments.
 * The backend has no fleet route, so the fleet is read the only way it can
 * be, one topology view per entity, and compared with the floor of one
 * DescribeSecret per secret. Secrets are created directly in moto; no
 * namespaces are created (thousands of namespaces would burden every
 * watcher of the shared clusters), so Kubernetes reads answer 404.
 *
 * @public
 */
export async function runP3(
  stack: BenchStack,
  options: { entities: number; latencyMs: number; concurrency: number },
): Promise<P3Result> {
  const prefix = uniqueName('p3');
  const tenants: BenchTenant[] = Array.from(
    { length: options.entities },
    (_, i) => ({ key: `${prefix}-${i}`, environments: ENVIRONMENTS }),
  );
  const clients = {
    [SANDBOX_ACCOUNTS.dev]: new SecretsManagerClient({
      ...(await awsClientConfigFor(SANDBOX_ACCOUNTS.dev)),
      endpoint: stack.proxies.aws.endpoint,
    }),
    [SANDBOX_ACCOUNTS.prod]: new SecretsManagerClient({
      ...(await awsClientConfigFor(SANDBOX_ACCOUNTS.prod)),
      endpoint: stack.proxies.aws.endpoint,
    }),
  };
  const secrets = tenants.flatMap(tenant => secretsOf(tenant.key));
  try {
    await stack.setLatency(0);
    // moto's secret store is not thread-safe: concurrent creates in one
    // account now and then fail with a 500 page, so seed gently and retry.
    await runPool(secrets, 8, async secret => {
      for (let attempt = 1; ; attempt++) {
        try {
          await clients[secret.account].send(
            new CreateSecretCommand({
              Name: secret.name,
              SecretString: JSON.stringify({
                DATABASE_URL: 'postgres://bench',
              }),
            }),
          );
          return;
        } catch (error) {
          if (attempt === 5) {
            throw error;
          }
        }
      }
    });
    const backend = await stack.startBackend({
      environments: ENVIRONMENTS,
      entities: benchEntities(tenants),
    });
    await request(
      backend,
      'GET',
      `/entities/component/default/${tenants[0].key}/topology`,
    );
    await stack.setLatency(options.latencyMs);

    stack.counter.reset();
    const oursMs = await timed(() =>
      runPool(tenants, options.concurrency, tenant =>
        request(
          backend,
          'GET',
          `/entities/component/default/${tenant.key}/topology`,
        ),
      ),
    );
    const awsCalls = stack.counter.count('aws');
    const kubernetesCalls = stack.counter.count('kube');

    stack.counter.reset();
    const baselineMs = await timed(() =>
      runPool(secrets, options.concurrency, secret =>
        clients[secret.account].send(
          new DescribeSecretCommand({ SecretId: secret.name }),
        ),
      ),
    );
    const baselineCalls = stack.counter.count('aws');

    stack.counter.reset();
    let listed = 0;
    const listMs = await timed(async () => {
      const prefixes = [
        { account: SANDBOX_ACCOUNTS.dev, prefix: `sites/${prefix}-` },
        { account: SANDBOX_ACCOUNTS.dev, prefix: `staging/${prefix}-` },
        { account: SANDBOX_ACCOUNTS.prod, prefix: `sites/${prefix}-` },
      ];
      await Promise.all(
        prefixes.map(async ({ account, prefix: namePrefix }) => {
          for await (const page of paginateListSecrets(
            { client: clients[account], pageSize: 100 },
            { Filters: [{ Key: 'name', Values: [namePrefix] }] },
          )) {
            listed += page.SecretList?.length ?? 0;
          }
        }),
      );
    });
    const listCalls = stack.counter.count('aws');
    return {
      entities: options.entities,
      environments: ENVIRONMENTS.length,
      latencyPerCallMs: options.latencyMs,
      concurrency: options.concurrency,
      ours: { awsCalls, kubernetesCalls, ms: round1(oursMs) },
      baseline: { awsCalls: baselineCalls, ms: round1(baselineMs) },
      listSecrets: { awsCalls: listCalls, ms: round1(listMs), secrets: listed },
      awsCallsRatio: round2(awsCalls / baselineCalls),
      timeRatio: round2(oursMs / baselineMs),
    };
  } finally {
    await stack.setLatency(0);
    Object.values(clients).forEach(client => client.destroy());
  }
}
