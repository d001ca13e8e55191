import type {
  KeyStatus,
  StatusReason,
} from '@internal/plugin-secrets-sync-common';
import { Hop, toStatusReason } from '../../lib/infra/upstreamErrors';
import type { Settled } from './types';

/**
 * Compares AWS and the Secret key by key; only names and flags come out. A
 * side whose read failed is unknown, not absent: its flag and `inSync` are
 * left out and `unknown` names it, so a cluster or account that cannot be
 * reached never reads as a key that is missing there.
 */
export function compareKeys(
  aws: Record<string, string> | undefined,
  secret: Record<string, string> | undefined,
  unread: { aws?: boolean; secret?: boolean } = {},
): KeyStatus[] {
  const names = new Set([
    ...Object.keys(aws ?? {}),
    ...Object.keys(secret ?? {}),
  ]);
  const unknown = [
    ...(unread.aws ? (['aws'] as const) : []),
    ...(unread.secret ? (['secret'] as const) : []),
  ];
  return [...names].sort().map(name => {
    const inAws = aws !== undefined && Object.hasOwn(aws, name);
    const inSecret = secret !== undefined && Object.hasOwn(secret, name);
    return {
      name,
      ...(unread.aws ? {} : { inAws }),
      ...(unread.secret ? {} : { inSecret }),
      ...(unknown.length
        ? { unknown: [...unknown] }
        : { inSync: inAws && inSecret && aws[name] === secret[name] }),
    };
  });
}

/** The latest of some dates, or undefined when none is known. */
export function latest(...dates: Array<Date | undefined>): Date | undefined {
  const times = dates
    .filter((date): date is Date => date !== undefined)
    .map(date => date.getTime());
  return times.length ? new Date(Math.max(...times)) : undefined;
}

/** The reason a settled read failed with, attributed to its hop. */
export function readFailure(
  read: Settled<unknown>,
  hop: Hop,
): StatusReason | undefined {
  return read.error ? toStatusReason(read.error, hop) : undefined;
}

/**
 * The result of a write whose sync request failed: the values are in AWS,
 * and the warning says why the Secret will not follow at once, so the user
 * knows to retry (a retry requests the sync again).
 */
export function syncRequestFailed(error: unknown): {
  syncRequested: false;
  warning: string;
} {
  return {
    syncRequested: false,
    warning: `Written to AWS, but the sync could not be requested: ${
      toStatusReason(error).message
    }`,
  };
}
