import { ResponseError } from '@backstage/errors';

/**
 * The message a person should read: the backend's own message when the
 * backend answered, rather than "Request failed with 403 Forbidden".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.cause?.message || error.message;
  }
  // Not `instanceof Error`: errors may come from another realm.
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

/** True when the backend could not be reached at all (no HTTP answer). */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof ResponseError) {
    return [502, 503, 504].includes(error.statusCode);
  }
  return error instanceof TypeError;
}

/** True when the backend refused the request for lack of permission. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 403;
}
