import type { UpstreamFact } from '../reconcile/decideAction';

/**
 * Where the operator reads a tenant's document from.
 *
 * @public
 */
export interface UpstreamSource {
  /** Reads one secret; `missing` when it does not exist. */
  read(key: string): Promise<UpstreamFact>;
}

/**
 * Kinds of failure reading upstream, for logs, Events and metrics.
 *
 * @public
 */
export type UpstreamErrorKind =
  | 'access-denied'
  | 'throttled'
  | 'unreachable'
  | 'timeout'
  | 'invalid-document'
  | 'deletion-scheduled'
  | 'aws-error';

/**
 * A failed upstream read. The message carries the AWS error name and the
 * secret name, never the document.
 *
 * @public
 */
export class UpstreamReadError extends Error {
  readonly name = 'UpstreamReadError';
  constructor(readonly kind: UpstreamErrorKind, message: string) {
    super(message);
  }
}
