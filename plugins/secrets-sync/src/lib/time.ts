/**
 * Generated models type timestamps as `Date`, but JSON delivers strings;
 * accept both.
 */
export function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) {
    return undefined;
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 hours ago", relative to `now`. */
export function relativeTime(
  value: Date | string | undefined,
  now: number = Date.now(),
): string | undefined {
  const date = toDate(value);
  if (!date) {
    return undefined;
  }
  const delta = date.getTime() - now;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms || unit === 'second') {
      return format.format(Math.round(delta / ms), unit);
    }
  }
  return undefined;
}

/** "2026-11-23 10:00 UTC": exact, unambiguous across time zones. */
export function absoluteTime(
  value: Date | string | undefined,
): string | undefined {
  const date = toDate(value);
  return date
    ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : undefined;
}
