import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import type {
  ErrorReason,
  StatusReason,
} from '@internal/plugin-secrets-sync-common';
import { TenantNotBoundError } from './TenantNotBoundError';

/** The hop of the flow an error came from. */
export type Hop = 'aws' | 'kubernetes';

const NETWORK_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
];

const AWS_ACCESS_DENIED = [
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'CredentialsProviderError',
];
const AWS_THROTTLED = [
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'LimitExceededException',
];

type ErrorShape = {
  name?: string;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  body?: unknown;
};

function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause } = current as ErrorShape;
    if (typeof code === 'string' && NETWORK_CODES.includes(code)) {
      return code;
    }
    current = cause;
  }
  return undefined;
}

function httpStatus(error: ErrorShape): number | undefined {
  if (typeof error.code === 'number') {
    return error.code;
  }
  return error.$metadata?.httpStatusCode;
}

/**
 * Sorts an error from AWS or Kubernetes into the reasons a person can act on.
 */
export function classifyError(error: unknown): ErrorReason {
  if (networkCode(error)) {
    return 'unreachable';
  }
  const shape = (error ?? {}) as ErrorShape;
  const name = shape.name ?? '';
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (isError(error) &&
      new RegExp(`fetch failed|socket hang up|${NETWORK_CODES.join('|')}`).test(
        error.message,
      ))
  ) {
    return 'unreachable';
  }
  if (AWS_ACCESS_DENIED.includes(name)) {
    return 'access-denied';
  }
  if (AWS_THROTTLED.includes(name)) {
    return 'throttled';
  }
  if (name === 'ResourceNotFoundException') {
    return 'not-found';
  }
  switch (httpStatus(shape)) {
    case 401:
    case 403:
      return 'access-denied';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 429:
      return 'throttled';
    case 502:
    case 503:
    case 504:
      return 'unreachable';
    default:
      return 'unknown';
  }
}

/**
 * The human part of an upstream error: a Kubernetes Status message or an
 * AWS exception message. Neither service echoes secret values, and request
 * bodies are never included.
 */
export function upstreamMessage(error: unknown): string {
  const shape = (error ?? {}) as ErrorShape;
  const prefix = typeof shape.code === 'number' ? `HTTP ${shape.code}: ` : '';
  let body = shape.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // a plain-text body, such as the API server's "Unauthorized"
    }
  }
  if (typeof body === 'string' && body.trim()) {
    return `${prefix}${body.trim().slice(0, 300)}`;
  }
  const statusMessage = (body as { message?: unknown } | undefined)?.message;
  if (typeof statusMessage === 'string' && statusMessage) {
    return `${prefix}${statusMessage}`;
  }
  const code = networkCode(error);
  if (code) {
    return code;
  }
  if (isError(error)) {
    // client-node's ApiException message is "HTTP-Code: …\nMessage: …\nHeaders: …"
    const line =
      /^Message: (.+)$/m.exec(error.message)?.[1] ??
      error.message.split('\n')[0];
    return `${prefix}${line.slice(0, 300)}`;
  }
  return String(error).slice(0, 300);
}

const HOP_NAMES: Record<Hop, string> = {
  aws: 'AWS Secrets Manager',
  kubernetes: 'Kubernetes',
};

const REASON_HINTS: Record<ErrorReason, string> = {
  'access-denied':
    'access denied (check the IAM role or Kubernetes RBAC of the backend)',
  throttled: 'throttled, try again shortly',
  unreachable: 'unreachable',
  'not-found': 'not found',
  conflict: 'conflict',
  invalid: 'invalid',
  'not-bound': 'not bound to this entity',
  'operator-not-running': 'the operator is not running',
  unknown: 'failed',
};

/**
 * An error from AWS or Kubernetes, already classified, whose message says
 * where it happened. Thrown by the services so that routes and status
 * derivation need no knowledge of either SDK.
 */
export class UpstreamError extends Error {
  readonly reason: ErrorReason;
  readonly hop: Hop;
  /** The SDK's name for the error, such as `ResourceExistsException`. */
  readonly upstreamName?: string;

  constructor(options: {
    hop: Hop;
    reason: ErrorReason;
    message: string;
    upstreamName?: string;
  }) {
    super(options.message);
    this.name = 'UpstreamError';
    this.reason = options.reason;
    this.hop = options.hop;
    this.upstreamName = options.upstreamName;
  }

  /** Wraps an SDK error, saying what was being done where. */
  static from(hop: Hop, action: string, error: unknown): UpstreamError {
    if (error instanceof UpstreamError) {
      return error;
    }
    const reason = classifyError(error);
    return new UpstreamError({
      hop,
      reason,
      upstreamName: (error as ErrorShape | undefined)?.name,
      message: `${HOP_NAMES[hop]}: ${action}: ${
        REASON_HINTS[reason]
      }: ${upstreamMessage(error)}`,
    });
  }
}

const BACKSTAGE_ERROR_REASONS: Record<string, ErrorReason> = {
  ConflictError: 'conflict',
  InputError: 'invalid',
  NotFoundError: 'not-found',
  NotAllowedError: 'access-denied',
};

/** The status reason shown for an environment whose read or write failed. */
export function toStatusReason(
  error: unknown,
  fallbackHop?: Hop,
): StatusReason {
  if (error instanceof UpstreamError) {
    return { code: error.reason, message: error.message, hop: error.hop };
  }
  if (error instanceof TenantNotBoundError) {
    return { code: 'not-bound', message: error.message, hop: 'binding' };
  }
  const name = isError(error) ? error.name : '';
  const code: ErrorReason = BACKSTAGE_ERROR_REASONS[name] ?? 'unknown';
  return {
    code,
    message: isError(error) ? error.message : 'Unknown error',
    ...(fallbackHop ? { hop: fallbackHop } : {}),
  };
}

/**
 * The `@backstage/errors` error a route throws for an upstream failure, so
 * the default error handler answers with a fitting status code.
 */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof UpstreamError)) {
    return error;
  }
  switch (error.reason) {
    case 'access-denied':
      return new NotAllowedError(error.message);
    case 'not-found':
      return new NotFoundError(error.message);
    case 'conflict':
      return new ConflictError(error.message);
    case 'throttled':
    case 'unreachable':
      return new ServiceUnavailableError(error.message);
    default:
      return error;
  }
}
