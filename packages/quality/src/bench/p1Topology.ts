import type { EnvironmentSpec } from '../harness/backendConfig';
import { uniqueName } from '../harness/entities';
import type { RunningBackend } from '../harness/startBackend';
import { BenchStack, request } from './benchStack';
import { benchEntities, BenchTenant, seedTenants } from './seedTenants';
import { percentile, round1, round2, timed } from './stats';

/** P1's figures. @public */
export interface P1Result {
  environments: number;
  latencyPerCallMs: number;
  runs: number;
  /** Every figure below is of a backend without caches: each view reads every upstream. */
  oursMs: number;
  oneEnvironmentMs: number;
  serialSumMs: number;
  /** ours / one environment: 1.0 means six environments cost as much as one. */
  oursOverOneEnvironment: number;
  /** serial sum / ours: how much faster than reading environments one by one. */
  serialSumOverOurs: number;
  /** The six-environment view on a backend with its caches warm (the default). */
  warmCachesMs: number;
  /** The same two views with no latency added: the stack's and the backend's own work. */
  oursNoLatencyMs: number;
  oneEnvironmentNoLatencyMs: number;
  /**
   * (time with latency - time without) / latency: how many upstream round
   * trips each view waits for in sequence. Equal figures mean six
   * environments are fanned out as well as one; what remains of
   * `oursOverOneEnvironment` is work, not waiting.
   */
  sequentialRoundTrips: number;
  oneEnvironmentSequentialRoundTrips: number;
}

async function medianTopologyMs(
  backend: RunningBackend,
  tenant: string,
  runs: number,
) {
  const path = `/entities/component/default/${tenant}/topology`;
  await request(backend, 'GET', path);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await timed(() => request(backend, 'GET', path)));
  }
  return percentile(times, 50);
}

/**
 * P1's six environments, three per cluster; environments that share a
 * cluster and an account each have their own names.
 *
 * @public
 */
export function p1Environments(): EnvironmentSpec[] {
  return [1, 2, 3, 4, 5, 6].map(i => ({
    name: `e${i}`,
    cluster: i % 2 ? 'dev' : 'prod',
    contract: {
      awsKeyTemplate: `bench-e${i}/{tenant}/build`,
      namespaceTemplate: `bench-e${i}-{tenant}`,
    },
  }));
}

/**
 * P1: the topology of a component in six environments (alternating the two
 * accounts and clusters) with `latencyMs` added to every upstream answer,
 * against the same read for one environment and the serial sum of all six.
 * Measured with caches off, since a warm view reads no upstream at all and
 * would say nothing of how environments are fanned out; the warm figure is
 * reported beside it.
 *
 * @public
 */
export async function runP1(
  stack: BenchStack,
  options: { latencyMs: number; runs: number },
): Promise<P1Result> {
  const environments = p1Environments();
  const six: BenchTenant = { key: uniqueName('p1-six'), environments };
  const singles: BenchTenant[] = environments.map(env => ({
    key: uniqueName(`p1-${env.name}`),
    environments: [env],
  }));
  const tenants = [six, ...singles];
  const backend = await stack.startBackend({
    environments,
    entities: benchEntities(tenants),
    uncached: true,
  });
  const cached = await stack.startBackend({
    environments,
    entities: benchEntities(tenants),
  });
  await stack.setLatency(0);
  await seedTenants(backend, tenants);
  await stack.setLatency(options.latencyMs);
  try {
    const oursMs = await medianTopologyMs(backend, six.key, options.runs);
    const perEnvironment: number[] = [];
    for (const single of singles) {
      perEnvironment.push(
        await medianTopologyMs(backend, single.key, options.runs),
      );
    }
    const oneEnvironmentMs = percentile(perEnvironment, 50);
    const warmCachesMs = await medianTopologyMs(cached, six.key, options.runs);
    // moto (one Python process), the API servers and this backend share two
    // cores: their work is serial here, as AWS's and EKS's would not be
    await stack.setLatency(0);
    const oursNoLatencyMs = await medianTopologyMs(
      backend,
      six.key,
      options.runs,
    );
    const oneEnvironmentNoLatencyMs = await medianTopologyMs(
      backend,
      singles[0].key,
      options.runs,
    );
    const roundTrips = (withLatency: number, without: number) =>
      options.latencyMs > 0
        ? round2((withLatency - without) / options.latencyMs)
        : 0;
    const serialSumMs = perEnvironment.reduce((sum, ms) => sum + ms, 0);
    return {
      environments: environments.length,
      latencyPerCallMs: options.latencyMs,
      runs: options.runs,
      oursMs: round1(oursMs),
      oneEnvironmentMs: round1(oneEnvironmentMs),
      serialSumMs: round1(serialSumMs),
      oursOverOneEnvironment: round2(oursMs / oneEnvironmentMs),
      serialSumOverOurs: round2(serialSumMs / oursMs),
      warmCachesMs: round1(warmCachesMs),
      oursNoLatencyMs: round1(oursNoLatencyMs),
      oneEnvironmentNoLatencyMs: round1(oneEnvironmentNoLatencyMs),
      sequentialRoundTrips: roundTrips(oursMs, oursNoLatencyMs),
      oneEnvironmentSequentialRoundTrips: roundTrips(
        oneEnvironmentMs,
        oneEnvironmentNoLatencyMs,
      ),
    };
  } finally {
    await stack.setLatency(0);
  }
}
