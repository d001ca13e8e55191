/**
 * HTTP status of a failed Kubernetes API call, if it was one.
 *
 * @public
 */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { code, statusCode } = error as {
    code?: unknown;
    statusCode?: unknown;
  };
  if (typeof code === 'number') {
    return code;
  }
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/**
 * A short, value-free description of a Kubernetes API failure: status code
 * and the Status reason. client-node's own message embeds the whole
 * response, which is not something to put in logs.
 *
 * @public
 */
export function describeKubeError(error: unknown): string {
  const code = statusCodeOf(error);
  if (code === undefined) {
    const { code: errno, name } = (error ?? {}) as {
      code?: unknown;
      name?: unknown;
    };
    return `${typeof errno === 'string' ? errno : String(name ?? 'Error')}`;
  }
  const body = (error as { body?: unknown }).body;
  let reason: string | undefined;
  if (typeof body === 'string') {
    try {
      reason = (JSON.parse(body) as { reason?: string }).reason;
    } catch {
      reason = undefined;
    }
  } else if (typeof body === 'object' && body !== null) {
    reason = (body as { reason?: string }).reason;
  }
  return `HTTP ${code}${reason ? ` ${reason}` : ''}`;
}

/**
 * Wraps a Kubernetes API failure in an Error whose message is safe to log.
 *
 * @public
 */
export class KubeApiError extends Error {
  readonly name = 'KubeApiError';
  constructor(
    readonly operation: string,
    readonly statusCode: number | undefined,
    detail: string,
  ) {
    super(`${operation} failed: ${detail}`);
  }

  static from(operation: string, error: unknown): KubeApiError {
    return new KubeApiError(
      operation,
      statusCodeOf(error),
      describeKubeError(error),
    );
  }
}
