import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { SANDBOX_ENVIRONMENTS } from '../harness/backendConfig';
import { uniqueName } from '../harness/entities';
import { startPrivateRedis } from '../replicas/sharedStores';
import { BenchStack, request } from './benchStack';
import { benchEntities, BenchTenant, seedTenants } from './seedTenants';
import { round1, timed } from './stats';

/** P7's figures. @public */
export interface P7Result {
  environments: number;
  latencyPerCallMs: number;
  /** The first view, on replica A: every read goes to AWS. */
  firstOnA: { awsCalls: number; ms: number };
  /** The same view on replica B right after: what A read, B finds in Redis. */
  thenOnB: { awsCalls: number; ms: number };
}

/**
 * P7: a topology view on replica B right after replica A served it, the two
 * sharing a real Redis (a private redis-server) as production replicas do,
 * with `latencyMs` on every upstream call. B's AWS calls should be 0.
 *
 * @public
 */
export async function runP7(
  stack: BenchStack,
  options: { latencyMs: number },
): Promise<P7Result> {
  // killed when the bench exits: Backstage's Redis store keeps its client
  // after its backend stopped, and leaves the client's errors unhandled,
  // so a Redis gone before the process would crash it
  const redis = await startPrivateRedis();
  const tenant: BenchTenant = {
    key: uniqueName('p7'),
    environments: SANDBOX_ENVIRONMENTS,
  };
  const replica = () =>
    stack.startBackend({
      environments: tenant.environments,
      entities: benchEntities([tenant]),
      extraConfig: {
        backend: { cache: { store: 'redis', connection: redis.url } },
        secretsSync: {
          history: { digestSecret: 'bench-deployment-secret' },
        },
      },
      extraFeatures: [cacheServiceFactory],
    });
  const a = await replica();
  const b = await replica();
  await stack.setLatency(0);
  await seedTenants(a, [tenant]);
  await stack.setLatency(options.latencyMs);
  const path = `/entities/component/default/${tenant.key}/topology`;
  const view = async (backend: typeof a) => {
    stack.counter.reset();
    const ms = await timed(() => request(backend, 'GET', path));
    return { awsCalls: stack.counter.count('aws'), ms: round1(ms) };
  };
  try {
    const firstOnA = await view(a);
    const thenOnB = await view(b);
    return {
      environments: tenant.environments.length,
      latencyPerCallMs: options.latencyMs,
      firstOnA,
      thenOnB,
    };
  } finally {
    await stack.setLatency(0);
  }
}

/** P7's rows in the bench table. @public */
export function p7Rows(p7: P7Result) {
  return [
    {
      benchmark: 'P7',
      figure: `topology on replica A, ${p7.environments} environments, ${p7.latencyPerCallMs} ms per upstream call, shared Redis: AWS calls / time`,
      value: `${p7.firstOnA.awsCalls} / ${p7.firstOnA.ms} ms`,
    },
    {
      benchmark: 'P7',
      figure: 'the same view on replica B right after: AWS calls / time',
      value: `${p7.thenOnB.awsCalls} / ${p7.thenOnB.ms} ms`,
    },
  ];
}
