import { UpstreamErrorKind, UpstreamReadError } from './types';

/**
 * How long the operator waits for AWS. Without bounds a hung endpoint held a
 * reconcile (and its slot of `--concurrency`) for as long as the socket
 * stayed open; with them the reconcile fails, is counted, and is retried
 * with the work queue's backoff.
 *
 * @public
 */
export interface AwsCallBounds {
  /** One HTTP attempt: connecting, then the whole answer. */
  attemptTimeoutMs: number;
  /** One call, the SDK's retries and credential resolution included. */
  callTimeoutMs: number;
}

/**
 * The defaults of `--aws-attempt-timeout` and `--aws-call-timeout`. Secrets
 * Manager and STS answer in well under 200 ms; 2 s per attempt leaves room
 * for a slow network, and 5 s per call for the SDK's retries of a transient
 * failure, while a hung endpoint costs a reconcile at most 5 s.
 *
 * @public
 */
export const DEFAULT_AWS_CALL_BOUNDS: Readonly<AwsCallBounds> = Object.freeze({
  attemptTimeoutMs: 2_000,
  callTimeoutMs: 5_000,
});

/**
 * Raised when a whole AWS call outlived `callTimeoutMs`.
 *
 * @public
 */
export class AwsCallTimeoutError extends Error {
  readonly name = 'AwsCallTimeoutError';
  constructor(readonly what: string, readonly timeoutMs: number) {
    super(`${what} did not answer within ${timeoutMs} ms`);
  }
}

/**
 * The AWS SDK request handler options that bound each attempt. The SDK's
 * default handler has no request timeout, and a `requestTimeout` alone only
 * logs a warning unless `throwOnRequestTimeout` is set.
 *
 * @public
 */
export function attemptBoundHandler(bounds: AwsCallBounds): {
  connectionTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: boolean;
} {
  return {
    connectionTimeout: bounds.attemptTimeoutMs,
    requestTimeout: bounds.attemptTimeoutMs,
    throwOnRequestTimeout: true,
  };
}

/**
 * Where and as whom the operator's AWS clients act: the standard SDK chain
 * unless credentials are given, the endpoint override only for emulators.
 *
 * @public
 */
export interface AwsClientOptions<Credentials> {
  region?: string;
  endpoint?: string;
  /** Fixed credentials instead of the SDK chain (tests, emulators). */
  credentials?: Credentials;
  bounds?: AwsCallBounds;
}

/**
 * The configuration every AWS client of the operator shares, so the
 * Secrets Manager and STS clients act with the same credentials, endpoint,
 * retries and attempt bounds.
 *
 * @public
 */
export function boundedClientConfig<Credentials>(
  options: AwsClientOptions<Credentials>,
) {
  return {
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: 3,
    requestHandler: attemptBoundHandler(
      options.bounds ?? DEFAULT_AWS_CALL_BOUNDS,
    ),
  };
}

/**
 * Runs one AWS call under an overall deadline. The signal aborts the HTTP
 * request in flight; the race makes the deadline hold even where the SDK
 * does not watch the signal (credential resolution, a retry delay), so the
 * caller is never held past `timeoutMs`.
 *
 * @public
 */
export async function withDeadline<T>(
  what: string,
  timeoutMs: number,
  call: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new AwsCallTimeoutError(what, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'Throttling',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'CredentialsProviderError',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const TIMED_OUT = new Set([
  'AwsCallTimeoutError',
  'TimeoutError',
  'ETIMEDOUT',
  'AbortError',
]);

/**
 * The name that tells AWS failures apart: a network error code where Node
 * gives one, else the error's name (`ResourceNotFoundException`).
 *
 * @public
 */
export function awsErrorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) {
    return 'UnknownError';
  }
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (
    typeof code === 'string' &&
    (UNREACHABLE.has(code) || TIMED_OUT.has(code))
  ) {
    return code;
  }
  return typeof name === 'string' ? name : 'UnknownError';
}

/**
 * Classifies a failed AWS call for logs, Events and metrics. The message
 * names what was called and the error's name, never a document.
 *
 * @param what - what was being done, e.g. `reading AWS secret sites/a/build`.
 * @public
 */
export function classifyAwsError(
  what: string,
  error: unknown,
): UpstreamReadError {
  const name = awsErrorName(error);
  let kind: UpstreamErrorKind = 'aws-error';
  if (THROTTLING.has(name)) {
    kind = 'throttled';
  } else if (DENIED.has(name)) {
    kind = 'access-denied';
  } else if (UNREACHABLE.has(name)) {
    kind = 'unreachable';
  } else if (TIMED_OUT.has(name)) {
    kind = 'timeout';
  }
  const detail =
    error instanceof AwsCallTimeoutError
      ? `no answer within ${error.timeoutMs} ms`
      : name;
  return new UpstreamReadError(kind, `${what} failed: ${kind} (${detail})`);
}
