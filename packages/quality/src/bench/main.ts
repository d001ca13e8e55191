import fs from 'node:fs';
import path from 'node:path';
import { readSandbox } from '@internal/sandbox';
import { formatTable } from '../report/formatTable';
import { benchTable } from './benchTable';
import { startBenchStack } from './benchStack';
import { runP1 } from './p1Topology';
import { p1TraceRows, runP1Trace } from './p1Trace';
import { runP2 } from './p2CallCounts';
import { runP3 } from './p3Fleet';
import { p3CurveRows, runPoolInTurn } from './p3FleetCurve';
import { runP5 } from './p5Writes';
import { p7Rows, runP7 } from './p7CrossReplica';
import { p6Rows, runP6 } from './p6WriteToSecret';
import { p8Rows, runP8 } from './p8FleetPage';

const RESULTS_FILE = path.join(
  path.dirname(require.resolve('@internal/quality/package.json')),
  'bench-results.json',
);

const setting = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

/** `BENCH_ONLY=p1,p3` runs those lines alone; every line runs without it. */
const only = process.env.BENCH_ONLY?.split(',').map(name => name.trim());
const selected = (line: string) => !only || only.includes(line);

async function main() {
  readSandbox();
  const latencyMs = setting('BENCH_LATENCY_MS', 50);
  const stack = await startBenchStack();
  try {
    const p1 = selected('p1')
      ? await runP1(stack, { latencyMs, runs: setting('BENCH_RUNS', 7) })
      : undefined;
    const p1Trace = selected('p1trace')
      ? await runP1Trace(stack, {
          latencyMs,
          views: setting('BENCH_RUNS', 7) * 4,
        })
      : undefined;
    const p2 = selected('p2') ? await runP2(stack) : undefined;
    const p3 = selected('p3')
      ? await runP3(stack, {
          entities: setting('BENCH_FLEET_ENTITIES', 2000),
          latencyMs,
          concurrency: 20,
        })
      : undefined;
    const p5 = selected('p5')
      ? await runP5(stack, {
          writes: setting('BENCH_WRITES', 200),
          concurrency: 20,
          entities: 20,
          latencyMs,
        })
      : undefined;
    const p6 = selected('p6')
      ? await runP6({ writes: setting('BENCH_SECRET_WRITES', 50) })
      : undefined;
    // the cost curve: the same fleet pass at several sizes, each seeded anew
    const p3Curve = selected('p3curve')
      ? await runPoolInTurn(
          (process.env.BENCH_FLEET_CURVE ?? '500,2000,10000')
            .split(',')
            .map(Number),
          entities => runP3(stack, { entities, latencyMs, concurrency: 20 }),
        )
      : undefined;
    const p7 = selected('p7') ? await runP7(stack, { latencyMs }) : undefined;
    const p8 = selected('p8')
      ? await runP8(stack, {
          entities: setting('BENCH_FLEET_PAGE_ENTITIES', 2000),
          runs: setting('BENCH_FLEET_PAGE_RUNS', 5),
        })
      : undefined;
    const results = {
      measuredAt: new Date().toISOString(),
      toxiproxy: await stack.toxiproxy.client.version(),
      p1,
      p1Trace,
      p2,
      p3,
      p5,
      p6,
      p3Curve,
      p7,
      p8,
    };
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    const rows = [
      ...benchTable(results),
      ...(p1Trace ? p1TraceRows(p1Trace) : []),
      ...(p6 ? p6Rows(p6) : []),
      ...(p3Curve ? p3CurveRows(p3Curve) : []),
      ...(p7 ? p7Rows(p7) : []),
      ...(p8 ? p8Rows(p8) : []),
    ];
    process.stdout.write(`${formatTable(rows)}\n\nJSON: ${RESULTS_FILE}\n`);
  } finally {
    await stack.stop();
  }
}

main().then(
  // a backend that failed half-way through start-up keeps the process alive
  () => process.exit(),
  error => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
