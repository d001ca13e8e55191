import { uniqueName } from '../harness/entities';
import type { EnvironmentSpec } from '../harness/backendConfig';
import type { RunningBackend } from '../harness/startBackend';
import { BenchStack } from './benchStack';
import { benchEntities, BenchTenant, seedTenants } from './seedTenants';
import { percentile, round1, round2, runPool } from './stats';

/** P5's figures. @public */
export interface P5Result {
  writes: number;
  concurrency: number;
  entities: number;
  latencyPerCallMs: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  singleWriteP50Ms: number;
  p95OverSingle: number;
}

const ENVIRONMENTS: EnvironmentSpec[] = [{ name: 'dev', cluster: 'dev' }];

async function writeOnce(backend: RunningBackend, tenant: string, n: number) {
  const start = performance.now();
  const response = await fetch(
    `${backend.baseUrl}/entities/component/default/${tenant}/values`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        environments: ['dev'],
        set: { [`KEY_${n % 7}`]: `value-${n}` },
      }),
    },
  );
  const body = (await response.json()) as {
    results?: Array<{ outcome: string }>;
  };
  const ok =
    response.ok && body.results?.every(result => result.outcome !== 'failed');
  return { ms: performance.now() - start, ok: Boolean(ok) };
}

/**
 * P5: `writes` merge writes at `concurrency`, spread round-robin over
 * `entities` components, against a single write on an idle backend.
 *
 * @public
 */
export async function runP5(
  stack: BenchStack,
  options: {
    writes: number;
    concurrency: number;
    entities: number;
    latencyMs: number;
  },
): Promise<P5Result> {
  const tenants: BenchTenant[] = Array.from(
    { length: options.entities },
    () => ({ key: uniqueName('p5'), environments: ENVIRONMENTS }),
  );
  const backend = await stack.startBackend({
    environments: ENVIRONMENTS,
    entities: benchEntities(tenants),
  });
  await stack.setLatency(0);
  await seedTenants(backend, tenants);
  await stack.setLatency(options.latencyMs);
  try {
    const single: number[] = [];
    for (let i = 0; i < 10; i++) {
      single.push((await writeOnce(backend, tenants[0].key, 1000 + i)).ms);
    }
    const results = await runPool(
      Array.from({ length: options.writes }, (_, i) => i),
      options.concurrency,
      i => writeOnce(backend, tenants[i % tenants.length].key, i),
    );
    const times = results.map(result => result.ms);
    const singleWriteP50Ms = percentile(single, 50);
    const p95Ms = percentile(times, 95);
    return {
      writes: options.writes,
      concurrency: options.concurrency,
      entities: options.entities,
      latencyPerCallMs: options.latencyMs,
      errors: results.filter(result => !result.ok).length,
      p50Ms: round1(percentile(times, 50)),
      p95Ms: round1(p95Ms),
      singleWriteP50Ms: round1(singleWriteP50Ms),
      p95OverSingle: round2(p95Ms / singleWriteP50Ms),
    };
  } finally {
    await stack.setLatency(0);
  }
}
