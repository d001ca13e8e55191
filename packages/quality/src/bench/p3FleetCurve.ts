import type { P3Result } from './p3Fleet';
import { round1 } from './stats';

/** Runs `run` over `items` one after the other: benchmarks must not overlap. */
export async function runPoolInTurn<T, R>(
  items: T[],
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) {
    results.push(await run(item));
  }
  return results;
}

/**
 * The fleet's cost curve: AWS calls (and of them `ListSecrets` pages) and
 * time of a cold `GET /fleet` at each size, so that calls growing with
 * listing pages rather than with secrets shows as a flat calls-per-page.
 *
 * @public
 */
export function p3CurveRows(curve: P3Result[]) {
  return curve.map(p3 => {
    const pages = p3.ours.awsOperations.ListSecrets ?? 0;
    // the goal: calls at most the listing pages plus 1 %
    const overPages = pages
      ? `${round1(((p3.ours.awsCalls - pages) / pages) * 100)} %`
      : 'n/a';
    return {
      benchmark: 'P3 curve',
      figure: `GET /fleet cold, ${p3.entities} entities x ${p3.environments} environments, ${p3.latencyPerCallMs} ms per call: AWS calls (ListSecrets pages, calls over pages) / time`,
      value: `${p3.ours.awsCalls} (${pages}, +${overPages}) / ${p3.ours.ms} ms (first page ${p3.ours.firstPageMs} ms; CPU: backend ${p3.ours.cpuMs.backend} ms, moto ${p3.ours.cpuMs.moto} ms)`,
    };
  });
}
