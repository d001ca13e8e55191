import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { EnvironmentSpec } from '../harness/backendConfig';
import { uniqueName } from '../harness/entities';
import { BenchStack, request } from './benchStack';
import { benchEntities, BenchTenant } from './seedTenants';
import { percentile, round1 } from './stats';

/** P8's figures, in milliseconds, as headless Chromium saw them. @public */
export interface P8Result {
  entities: number;
  runs: number;
  /** Navigation to the fleet page until its first page of rows is drawn. */
  firstPaintMs: { median: number; max: number };
  /** A choice of environment until the table and counts show its result. */
  environmentFilterMs: { median: number; max: number };
  /** Typing a component's name until it is the only row (300 ms typing pause included). */
  searchMs: { median: number; max: number };
}

const DEV: EnvironmentSpec = { name: 'dev', cluster: 'dev' };
const PROD: EnvironmentSpec = { name: 'prod', cluster: 'prod' };

/** The portal whose app draws the page: `yarn dev` at the repository root. */
const APP_URL = process.env.BENCH_APP_URL ?? 'http://localhost:3000';

function spread(values: number[]) {
  return {
    median: round1(percentile(values, 50)),
    max: round1(Math.max(...values)),
  };
}

async function portalAnswers(): Promise<boolean> {
  try {
    return (await fetch(APP_URL)).ok;
  } catch {
    return false;
  }
}

const REPOSITORY = resolve(
  dirname(require.resolve('@internal/quality/package.json')),
  '../..',
);
/** The portal's browser measurement; its package has the browser driver. */
const MEASURE_SCRIPT = 'e2e/measureFleetPage.ts';
const TSX = resolve(REPOSITORY, 'node_modules/.bin/tsx');

/**
 * P8: the fleet page with `entities` components (half in dev, half in dev
 * and prod) in headless Chromium: first paint, an environment filter and a
 * search, each answered by the backend's `GET /fleet`. The app is the
 * running portal's (`BENCH_APP_URL`), driven by the portal's
 * `e2e/measureFleetPage.ts`; its fleet reads go to a bench backend holding
 * the catalog. No AWS secrets or namespaces are created: the page
 * draws the same rows whatever the statuses, and the backend's own cost is
 * P3's line. Skipped, saying so, when no portal answers.
 *
 * @public
 */
export async function runP8(
  stack: BenchStack,
  options: { entities: number; runs: number },
): Promise<P8Result | undefined> {
  if (!(await portalAnswers())) {
    process.stderr.write(
      `P8 skipped: no portal at ${APP_URL} to draw the fleet page (start it with yarn dev)\n`,
    );
    return undefined;
  }
  const prefix = uniqueName('p8');
  const tenants: BenchTenant[] = Array.from(
    { length: options.entities },
    (_, i) => ({
      key: `${prefix}-${String(i).padStart(5, '0')}`,
      environments: i % 2 ? [DEV, PROD] : [DEV],
    }),
  );
  const inProd = tenants.filter(t => t.environments.includes(PROD)).length;
  const backend = await stack.startBackend({
    environments: [DEV, PROD],
    entities: benchEntities(tenants),
  });
  await request(backend, 'GET', '/fleet?limit=1');

  const { stdout } = await promisify(execFile)(
    TSX,
    [
      MEASURE_SCRIPT,
      backend.baseUrl,
      String(options.entities),
      String(inProd),
      prefix,
      String(options.runs),
    ],
    {
      cwd: resolve(REPOSITORY, 'packages/app'),
      env: { ...process.env, E2E_APP_URL: APP_URL },
      timeout: 900_000,
    },
  );
  const runs: Record<'firstPaint' | 'environmentFilter' | 'search', number[]> =
    JSON.parse(stdout.trim().split('\n').pop()!);
  return {
    entities: options.entities,
    runs: options.runs,
    firstPaintMs: spread(runs.firstPaint),
    environmentFilterMs: spread(runs.environmentFilter),
    searchMs: spread(runs.search),
  };
}

/** P8's lines of the bench table. @public */
export function p8Rows(p8: P8Result) {
  const figure = (what: string, value: { median: number; max: number }) => ({
    benchmark: 'P8',
    figure: `fleet page, ${p8.entities} components, headless Chromium: ${what} (median / max of ${p8.runs})`,
    value: `${value.median} / ${value.max} ms`,
  });
  return [
    figure('first paint of the first 50 rows', p8.firstPaintMs),
    figure(
      'environment filter to redrawn rows and counts',
      p8.environmentFilterMs,
    ),
    figure(
      'search to the one matching row, 300 ms typing pause included',
      p8.searchMs,
    ),
  ];
}
