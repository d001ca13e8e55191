/**
 * The next value of a force-sync annotation: the current unix time in
 * seconds, but always greater than the value it replaces. Two bumps within
 * one second would otherwise write the same value, no watch event would
 * fire, and the second write would wait for the next periodic resync. The
 * value stays a unix timestamp, as seed 001's operator and ESO expect.
 */
export function nextForceSyncStamp(
  current: string | undefined,
  now: Date,
): string {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const previous =
    current !== undefined && /^\d+$/.test(current) ? Number(current) : 0;
  return String(Math.max(nowSeconds, previous + 1));
}

/** A force-sync annotation's value as a time, when it is a unix timestamp. */
export function forceSyncStampToDate(
  value: string | undefined,
): Date | undefined {
  if (!value || !/^\d+$/.test(value)) {
    return undefined;
  }
  return new Date(Number(value) * 1000);
}
