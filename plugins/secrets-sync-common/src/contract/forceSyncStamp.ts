const UNIX_SECONDS = /^\d+$/;

/**
 * The next value of a force-sync annotation: the current unix time in
 * seconds, but always greater than the value it replaces. Two bumps within
 * one second would otherwise write the same value, no watch event would
 * fire, and the second write would wait for the next periodic resync. The
 * value stays a unix timestamp, as the operator (docs/operator-contract.md)
 * and ESO expect.
 *
 * @param current - the annotation's value now, if any
 * @param now - the current time
 * @public
 */
export function nextForceSyncStamp(
  current: string | undefined,
  now: Date,
): string {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const previous =
    current !== undefined && UNIX_SECONDS.test(current) ? Number(current) : 0;
  return String(Math.max(nowSeconds, previous + 1));
}

/**
 * A force-sync annotation's value as a time, when it is a unix timestamp
 * in seconds; undefined for anything else (any change of the value still
 * triggers the operator, but only a timestamp says when).
 *
 * @public
 */
export function forceSyncStampToDate(
  value: string | undefined,
): Date | undefined {
  if (!value || !UNIX_SECONDS.test(value)) {
    return undefined;
  }
  return new Date(Number(value) * 1000);
}
