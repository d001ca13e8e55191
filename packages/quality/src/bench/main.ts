import fs from 'node:fs';
import path from 'node:path';
import { readSandbox } from '@internal/sandbox';
import { formatTable } from '../report/formatTable';
import { startBenchStack } from './benchStack';
import { runP1 } from './p1Topology';
import { runP2 } from './p2CallCounts';
import { runP3 } from './p3Fleet';
import { runP5 } from './p5Writes';

const RESULTS_FILE = path.join(
  path.dirname(require.resolve('@internal/quality/package.json')),
  'bench-results.json',
);

const setting = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

async function main() {
  readSandbox();
  const latencyMs = setting('BENCH_LATENCY_MS', 50);
  const stack = await startBenchStack();
  try {
    const p1 = await runP1(stack, {
      latencyMs,
      runs: setting('BENCH_RUNS', 7),
    });
    const p2 = await runP2(stack);
    const p3 = await runP3(stack, {
      entities: setting('BENCH_FLEET_ENTITIES', 2000),
      latencyMs,
      concurrency: 20,
    });
    const p5 = await runP5(stack, {
      writes: setting('BENCH_WRITES', 200),
      concurrency: 20,
      entities: 20,
      latencyMs,
    });
    const results = {
      measuredAt: new Date().toISOString(),
      toxiproxy: await stack.toxiproxy.client.version(),
      p1,
      p2,
      p3,
      p5,
    };
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    const rows = [
      {
        benchmark: 'P1',
        figure: `topology, ${p1.environments} environments, ${p1.latencyPerCallMs} ms/call (median of ${p1.runs})`,
        value: `${p1.oursMs} ms`,
      },
      {
        benchmark: 'P1',
        figure: 'one environment',
        value: `${p1.oneEnvironmentMs} ms`,
      },
      {
        benchmark: 'P1',
        figure: 'serial sum of the six',
        value: `${p1.serialSumMs} ms`,
      },
      {
        benchmark: 'P1',
        figure: 'ours / one environment',
        value: p1.oursOverOneEnvironment,
      },
      {
        benchmark: 'P1',
        figure: 'serial sum / ours',
        value: p1.serialSumOverOurs,
      },
      {
        benchmark: 'P2',
        figure: `calls per topology view (${p2.environments} environments), cold: AWS / Kubernetes / STS`,
        value: `${p2.cold.aws} / ${p2.cold.kubernetes} / ${p2.cold.sts}`,
      },
      {
        benchmark: 'P2',
        figure: 'warm: AWS / Kubernetes / STS',
        value: `${p2.warm.aws} / ${p2.warm.kubernetes} / ${p2.warm.sts}`,
      },
      {
        benchmark: 'P2',
        figure: 'warm AWS operations',
        value: Object.entries(p2.warm.awsOperations)
          .map(([op, n]) => `${op} ${n}`)
          .join(', '),
      },
      {
        benchmark: 'P3',
        figure: `fleet ${p3.entities} entities x ${p3.environments} environments, one topology each (concurrency ${p3.concurrency}): AWS calls`,
        value: p3.ours.awsCalls,
      },
      {
        benchmark: 'P3',
        figure: 'fleet: Kubernetes calls',
        value: p3.ours.kubernetesCalls,
      },
      { benchmark: 'P3', figure: 'fleet: time', value: `${p3.ours.ms} ms` },
      {
        benchmark: 'P3',
        figure: 'baseline: one DescribeSecret per secret: calls / time',
        value: `${p3.baseline.awsCalls} / ${p3.baseline.ms} ms`,
      },
      {
        benchmark: 'P3',
        figure: 'ratio AWS calls / time',
        value: `${p3.awsCallsRatio} / ${p3.timeRatio}`,
      },
      {
        benchmark: 'P5',
        figure: `${p5.writes} writes, concurrency ${p5.concurrency}, ${p5.entities} entities: errors`,
        value: p5.errors,
      },
      {
        benchmark: 'P5',
        figure: 'p50 / p95',
        value: `${p5.p50Ms} / ${p5.p95Ms} ms`,
      },
      {
        benchmark: 'P5',
        figure: 'single write p50',
        value: `${p5.singleWriteP50Ms} ms`,
      },
      { benchmark: 'P5', figure: 'p95 / single', value: p5.p95OverSingle },
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
