import type { P1Result } from './p1Topology';
import type { P2Result } from './p2CallCounts';
import type { P3Result } from './p3Fleet';
import type { P5Result } from './p5Writes';

function operationsOf(operations: Record<string, number>): string {
  return Object.entries(operations)
    .map(([operation, calls]) => `${operation} ${calls}`)
    .join(', ');
}

/** The rows `yarn bench` prints, one figure each. @public */
export function benchTable(results: {
  p1?: P1Result;
  p2?: P2Result;
  p3?: P3Result;
  p5?: P5Result;
}) {
  const { p1, p2, p3, p5 } = results;
  const rows: Array<[string, string, string | number]> = [
    ...(p1 ? p1Rows(p1) : []),
    ...(p2 ? p2Rows(p2) : []),
    ...(p3 ? p3Rows(p3) : []),
    ...(p5 ? p5Rows(p5) : []),
  ];
  return rows.map(([benchmark, figure, value]) => ({
    benchmark,
    figure,
    value,
  }));
}

type Row = [string, string, string | number];

function p1Rows(p1: P1Result): Row[] {
  return [
    [
      'P1',
      `topology, ${p1.environments} environments, ${p1.latencyPerCallMs} ms per upstream call, caches off (median of ${p1.runs})`,
      `${p1.oursMs} ms`,
    ],
    ['P1', 'one environment', `${p1.oneEnvironmentMs} ms`],
    ['P1', 'serial sum of the six', `${p1.serialSumMs} ms`],
    ['P1', 'ours / one environment', p1.oursOverOneEnvironment],
    ['P1', 'serial sum / ours', p1.serialSumOverOurs],
    ['P1', 'the same view, caches warm', `${p1.warmCachesMs} ms`],
    [
      'P1',
      'six environments, caches off, no latency added (work, not waiting)',
      `${p1.oursNoLatencyMs} ms`,
    ],
    [
      'P1',
      'one environment, no latency added',
      `${p1.oneEnvironmentNoLatencyMs} ms`,
    ],
    [
      'P1',
      'round trips waited for in sequence: six environments / one',
      `${p1.sequentialRoundTrips} / ${p1.oneEnvironmentSequentialRoundTrips}`,
    ],
  ];
}

function p2Rows(p2: P2Result): Row[] {
  return [
    [
      'P2',
      `calls per topology view (${p2.environments} environments), cold: AWS / Kubernetes / STS`,
      `${p2.cold.aws} / ${p2.cold.kubernetes} / ${p2.cold.sts}`,
    ],
    [
      'P2',
      'warm: AWS / Kubernetes / STS',
      `${p2.warm.aws} / ${p2.warm.kubernetes} / ${p2.warm.sts}`,
    ],
    ['P2', 'warm AWS operations', operationsOf(p2.warm.awsOperations)],
  ];
}

function p3Rows(p3: P3Result): Row[] {
  return [
    [
      'P3',
      `GET /fleet, ${p3.entities} entities x ${p3.environments} environments, ${p3.latencyPerCallMs} ms per upstream call: AWS calls / time`,
      `${p3.ours.awsCalls} / ${p3.ours.ms} ms`,
    ],
    ['P3', 'fleet: AWS operations', operationsOf(p3.ours.awsOperations)],
    [
      'P3',
      'fleet: Kubernetes calls / environments reported',
      `${p3.ours.kubernetesCalls} / ${p3.ours.environmentsReported}`,
    ],
    [
      'P3',
      'fleet again, metadata cache expired: AWS calls / time',
      `${p3.repeated.awsCalls} / ${p3.repeated.ms} ms`,
    ],
    [
      'P3',
      `baseline, one DescribeSecret per secret (concurrency ${p3.concurrency}): AWS calls / time`,
      `${p3.baseline.awsCalls} / ${p3.baseline.ms} ms`,
    ],
    [
      'P3',
      'fleet / baseline: AWS calls / time',
      `${p3.awsCallsRatio} / ${p3.timeRatio}`,
    ],
    [
      'P3',
      'fleet again / baseline: AWS calls / time',
      `${p3.repeatedAwsCallsRatio} / ${p3.repeatedTimeRatio}`,
    ],
  ];
}

function p5Rows(p5: P5Result): Row[] {
  return [
    [
      'P5',
      `${p5.writes} writes, concurrency ${p5.concurrency}, over ${p5.entities} entities: errors`,
      p5.errors,
    ],
    ['P5', 'p50 / p95', `${p5.p50Ms} / ${p5.p95Ms} ms`],
    ['P5', 'single write, p50 of 10', `${p5.singleWriteP50Ms} ms`],
    ['P5', 'p95 / single write', p5.p95OverSingle],
  ];
}
