import { ConfigReader, readDurationFromConfig } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod';

const ARTICLE: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  record: 'an object',
  int: 'a whole number',
};

/**
 * Messages for zod's own issues that name what is wrong without quoting the
 * value (it may be a token): a missing key is required, a value of the
 * wrong type must be of the expected one.
 */
export function configErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) {
      return 'is required';
    }
    return `must be ${ARTICLE[issue.expected] ?? `a ${issue.expected}`}`;
  }
  return undefined;
}

/** The config path of a zod issue path, as `@backstage/config` names keys. */
export function configPath(base: string, path: PropertyKey[]): string {
  return path.reduce<string>((key, segment) => {
    if (typeof segment === 'number') {
      return `${key}[${segment}]`;
    }
    const text = String(segment);
    // record keys come bracketed from the refinements that name them
    return text.startsWith('[') ? `${key}${text}` : `${key}.${text}`;
  }, base);
}

/**
 * A duration as `readDurationFromConfig` reads it (`{ seconds: 30 }`, an
 * ISO 8601 duration, `2m`), in milliseconds.
 */
export const durationMs = z.unknown().transform((value, ctx) => {
  try {
    return durationToMilliseconds(
      readDurationFromConfig(new ConfigReader({ value: value as JsonValue }), {
        key: 'value',
      }),
    );
  } catch {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be a duration, such as { seconds: 30 } or an ISO 8601 duration',
    });
    return z.NEVER;
  }
});

/**
 * An http(s) URL. The message does not quote the value: a URL may carry
 * credentials in its user part.
 */
export const httpUrl = z.string().refine(
  value => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { error: 'is not an http(s) URL' },
);

/** A whole number of at least 1, such as a rate limit. */
export const positiveCount = z
  .number()
  .refine(value => Number.isInteger(value) && value >= 1, {
    error: 'must be a whole number, at least 1',
  });
