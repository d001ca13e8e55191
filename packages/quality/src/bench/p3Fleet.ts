import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { FleetStatus } from '@internal/plugin-secrets-sync-common';
import { awsClientConfigFor, SANDBOX_ACCOUNTS } from '@internal/sandbox';
import type { EnvironmentSpec } from '../harness/backendConfig';
import { uniqueName } from '../harness/entities';
import { BenchStack, request } from './benchStack';
import { cpuMsOf, ownCpuMs, sandboxPids } from './processCpu';
import { benchEntities, BenchTenant } from './seedTenants';
import { round1, round2, runPool, timed } from './stats';

/** P3's figures. @public */
export interface P3Result {
  entities: number;
  environments: number;
  latencyPerCallMs: number;
  concurrency: number;
  /**
   * One `GET /fleet` on a backend that has never read these secrets:
   * ListSecrets by name prefix and BatchGetSecretValue for every version.
   */
  ours: FleetFigures;
  /**
   * The same summary once the metadata cache expired: versions already seen
   * are not read again, so only ListSecrets remains.
   */
  repeated: FleetFigures;
  /** One DescribeSecret per (entity, environment) secret. */
  baseline: { awsCalls: number; ms: number };
  awsCallsRatio: number;
  timeRatio: number;
  repeatedAwsCallsRatio: number;
  repeatedTimeRatio: number;
}

/** Calls and time of one fleet summary. @public */
export interface FleetFigures {
  awsCalls: number;
  awsOperations: Record<string, number>;
  kubernetesCalls: number;
  ms: number;
  /** The first page, which holds every status's derivation: what a user waits for. */
  firstPageMs: number;
  /** CPU seconds the walk cost this process (the backend and the client) and the emulator. */
  cpuMs: { backend: number; moto: number };
  /** Environments the summary reported, to check it saw the whole fleet. */
  environmentsReported: number;
}

const ENVIRONMENTS: EnvironmentSpec[] = [
  { name: 'dev', cluster: 'dev' },
  {
    name: 'staging',
    cluster: 'dev',
    contract: {
      awsKeyTemplate: 'staging/{tenant}/build',
      namespaceTemplate: 'staging-{tenant}',
    },
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

/** The route's largest page. */
const FLEET_PAGE = 1000;

/** Longer than prefetched metadata lives: the default awsMetadataTtl, 30 s. */
const METADATA_EXPIRY_WAIT_MS = 31_000;

/**
 * P3: status of a fleet of `entities` components in three environments,
 * read through `GET /fleet`, compared with the floor a tool without it
 * pays: one DescribeSecret per secret, `concurrency` at a time. Secrets are created directly in moto; no
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
          if (attempt === 10) {
            throw error;
          }
          // a busy moto answers a 500 page for a while: give it time
          await new Promise(resolve => setTimeout(resolve, attempt * 200));
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

    const { moto } = sandboxPids();
    const fleet = async (): Promise<FleetFigures> => {
      stack.counter.reset();
      let environmentsReported = 0;
      let firstPageMs = 0;
      const cpuBefore = { backend: ownCpuMs(), moto: cpuMsOf(moto) };
      const started = performance.now();
      const ms = await timed(async () => {
        for (let offset = 0; offset < tenants.length; offset += FLEET_PAGE) {
          const page = await request<FleetStatus>(
            backend,
            'GET',
            `/fleet?offset=${offset}&limit=${FLEET_PAGE}`,
          );
          firstPageMs ||= performance.now() - started;
          environmentsReported += page.items.reduce(
            (sum, item) => sum + item.environments.length,
            0,
          );
        }
      });
      return {
        awsCalls: stack.counter.count('aws'),
        awsOperations: stack.counter.operations('aws'),
        kubernetesCalls: stack.counter.count('kube'),
        ms: round1(ms),
        firstPageMs: round1(firstPageMs),
        cpuMs: {
          backend: round1(ownCpuMs() - cpuBefore.backend),
          moto: round1(cpuMsOf(moto) - cpuBefore.moto),
        },
        environmentsReported,
      };
    };
    const ours = await fleet();
    await new Promise(resolve => setTimeout(resolve, METADATA_EXPIRY_WAIT_MS));
    const repeated = await fleet();

    stack.counter.reset();
    const baselineMs = await timed(() =>
      runPool(secrets, options.concurrency, secret =>
        clients[secret.account].send(
          new DescribeSecretCommand({ SecretId: secret.name }),
        ),
      ),
    );
    const baselineCalls = stack.counter.count('aws');
    return {
      entities: options.entities,
      environments: ENVIRONMENTS.length,
      latencyPerCallMs: options.latencyMs,
      concurrency: options.concurrency,
      ours,
      repeated,
      baseline: { awsCalls: baselineCalls, ms: round1(baselineMs) },
      awsCallsRatio: round2(ours.awsCalls / baselineCalls),
      timeRatio: round2(ours.ms / baselineMs),
      repeatedAwsCallsRatio: round2(repeated.awsCalls / baselineCalls),
      repeatedTimeRatio: round2(repeated.ms / baselineMs),
    };
  } finally {
    await stack.setLatency(0);
    // Left behind, thousands of secrets would slow every later listing of
    // the account and make the next run's figures incomparable.
    await runPool(secrets, 8, secret =>
      clients[secret.account]
        .send(
          new DeleteSecretCommand({
            SecretId: secret.name,
            ForceDeleteWithoutRecovery: true,
          }),
        )
        .catch(() => undefined),
    );
    Object.values(clients).forEach(client => client.destroy());
  }
}
