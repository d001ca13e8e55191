import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readSandbox, SandboxCluster } from '@internal/sandbox';

/**
 * A request as the injector sees it: method, path and headers, plus the
 * AWS JSON-protocol operation (`PutSecretValue`) when there is one.
 *
 * @public
 */
export interface InjectedRequest {
  method: string;
  path: string;
  operation?: string;
}

/**
 * A canned answer for matching requests, in the upstream's own error
 * format, `times` times (default: until removed).
 *
 * @public
 */
export interface FaultRule {
  match(request: InjectedRequest): boolean;
  status: number;
  body: object;
  headers?: Record<string, string>;
  times?: number;
}

/**
 * An HTTP(S) hop that forwards every request to a real upstream unchanged,
 * except those a rule matches, which get the rule's answer instead. It
 * injects what a TCP proxy cannot: AWS throttling and 5xx answers, and
 * Kubernetes 409s, all in the services' own formats.
 *
 * @public
 */
export interface HttpFaultInjector {
  /** The address to configure in place of the upstream's. */
  url: string;
  /** Requests answered by a rule, so far. */
  injected: InjectedRequest[];
  add(rule: FaultRule): void;
  clear(): void;
  stop(): Promise<void>;
}

/** AWS's JSON-protocol error body. @public */
export function awsError(type: string, message: string) {
  return { __type: type, message };
}

/** A Kubernetes Status object. @public */
export function kubeStatus(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/**
 * Starts an injector in front of `upstream` (for example a toxiproxy
 * listen address). For a kube-apiserver upstream it serves TLS with the
 * sandbox cluster's own serving certificate, so clients verify it with the
 * same CA file.
 *
 * @public
 */
export async function startHttpFaultInjector(options: {
  upstream: string;
  tlsOf?: SandboxCluster;
}): Promise<HttpFaultInjector> {
  const upstream = new URL(options.upstream);
  const rules: FaultRule[] = [];
  const injected: InjectedRequest[] = [];
  const agent =
    upstream.protocol === 'https:'
      ? new https.Agent({
          keepAlive: true,
          ca: fs.readFileSync(
            readSandbox().clusters[options.tlsOf ?? 'dev'].caFile,
          ),
        })
      : new http.Agent({ keepAlive: true });

  const handler: http.RequestListener = (req, res) => {
    const target = req.headers['x-amz-target'];
    const request: InjectedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      operation:
        typeof target === 'string' ? target.split('.').pop() : undefined,
    };
    const rule = rules.find(candidate => candidate.match(request));
    if (rule) {
      if (rule.times !== undefined && --rule.times <= 0) {
        rules.splice(rules.indexOf(rule), 1);
      }
      injected.push(request);
      req.resume();
      req.on('end', () => {
        res.writeHead(rule.status, {
          'content-type': request.operation
            ? 'application/x-amz-json-1.1'
            : 'application/json',
          ...rule.headers,
        });
        res.end(JSON.stringify(rule.body));
      });
      return;
    }
    const forward = (upstream.protocol === 'https:' ? https : http).request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      upstreamResponse => {
        res.writeHead(
          upstreamResponse.statusCode ?? 502,
          upstreamResponse.headers,
        );
        upstreamResponse.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  };

  let server: http.Server | https.Server;
  if (options.tlsOf) {
    const certs = path.join(
      path.dirname(readSandbox().clusters[options.tlsOf].caFile),
      'certs',
    );
    server = https.createServer(
      {
        cert: fs.readFileSync(path.join(certs, 'apiserver.crt')),
        key: fs.readFileSync(path.join(certs, 'apiserver.key')),
      },
      handler,
    );
  } else {
    server = http.createServer(handler);
  }
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tlsOf ? 'https' : 'http'}://127.0.0.1:${port}`,
    injected,
    add: rule => rules.push({ ...rule }),
    clear: () => {
      rules.splice(0, rules.length);
      injected.splice(0, injected.length);
    },
    stop: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
