import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * One HTTP request this process sent to an upstream.
 *
 * @public
 */
export interface UpstreamCall {
  /** The label the caller gave the request's `host:port`. */
  upstream: string;
  method: string;
  path: string;
  /** AWS JSON-protocol operation (`secretsmanager.DescribeSecret`), when present. */
  operation?: string;
}

/**
 * Counts what this process sends to labelled upstreams.
 *
 * @public
 */
export interface UpstreamCallCounter {
  readonly calls: readonly UpstreamCall[];
  /** Calls to one upstream label (all labels when omitted). */
  count(upstream?: string | ((call: UpstreamCall) => boolean)): number;
  /** Calls to one upstream by AWS operation name (`DescribeSecret`). */
  operations(upstream: string): Record<string, number>;
  reset(): void;
  stop(): void;
}

/**
 * Counts outgoing HTTP requests at Node's `http` client, through the
 * `http.client.request.start` diagnostics channel: every request the AWS
 * SDK and `@kubernetes/client-node` send is seen without touching the code
 * under measurement. Requests to an address not in `upstreams` are ignored.
 *
 * @param upstreams - label per `host:port`, e.g. the toxiproxy listen
 *   addresses in front of moto and each kube-apiserver.
 * @public
 */
export function countUpstreamCalls(
  upstreams: Record<string, string>,
): UpstreamCallCounter {
  let calls: UpstreamCall[] = [];
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const host = String(request.getHeader('host') ?? '');
    const upstream = upstreams[host];
    if (!upstream) {
      return;
    }
    const target = request.getHeader('x-amz-target');
    calls.push({
      upstream,
      method: request.method,
      path: request.path,
      operation: typeof target === 'string' ? target : undefined,
    });
  };
  diagnosticsChannel.subscribe('http.client.request.start', onStart);
  return {
    get calls() {
      return calls;
    },
    count(filter) {
      if (filter === undefined) {
        return calls.length;
      }
      const match =
        typeof filter === 'string'
          ? (call: UpstreamCall) => call.upstream === filter
          : filter;
      return calls.filter(match).length;
    },
    operations(upstream) {
      const byName: Record<string, number> = {};
      for (const call of calls) {
        if (call.upstream === upstream && call.operation) {
          const name = call.operation.split('.').pop()!;
          byName[name] = (byName[name] ?? 0) + 1;
        }
      }
      return byName;
    },
    reset() {
      calls = [];
    },
    stop() {
      diagnosticsChannel.unsubscribe('http.client.request.start', onStart);
    },
  };
}
