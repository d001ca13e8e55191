/** Nearest-rank percentile of a non-empty sample. */
export function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** p50, p95, min, max and mean of a sample, rounded to milliseconds. */
export function summarise(sample: number[]) {
  const round = (value: number) => Math.round(value);
  return {
    n: sample.length,
    p50: round(percentile(sample, 50)),
    p95: round(percentile(sample, 95)),
    min: round(Math.min(...sample)),
    max: round(Math.max(...sample)),
    mean: round(sample.reduce((sum, v) => sum + v, 0) / sample.length),
  };
}
