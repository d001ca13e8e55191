import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * A named check behind `/healthz` or `/readyz`.
 *
 * @public
 */
export type Check = () => { ok: boolean; detail: string };

/**
 * Options of {@link createHealthServer}.
 *
 * @public
 */
export interface HealthServerOptions {
  /** Port of `/healthz` and `/readyz`; 0 picks a free one. */
  healthPort: number;
  /** Port of `/metrics`; the same as `healthPort` serves everything on one server. */
  metricsPort: number;
  liveness: Record<string, Check>;
  readiness: Record<string, Check>;
  registry: Registry;
  host?: string;
}

/**
 * The running probe and metrics listeners.
 *
 * @public
 */
export interface HealthServer {
  healthPort: number;
  metricsPort: number;
  close(): Promise<void>;
}

function runChecks(checks: Record<string, Check>) {
  const results = Object.entries(checks).map(([name, check]) => ({
    name,
    ...check(),
  }));
  return {
    ok: results.every(result => result.ok),
    body: results
      .map(r => `[${r.ok ? '+' : '-'}]${r.name} ${r.detail}`)
      .join('\n'),
  };
}

function listen(server: http.Server, port: number, host: string) {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Serves `/healthz` (liveness), `/readyz` (readiness) in the kube-apiserver
 * style (one `[+]name` line per check, 200 or 503), and `/metrics`.
 *
 * @public
 */
export async function createHealthServer(
  options: HealthServerOptions,
): Promise<HealthServer> {
  const host = options.host ?? '0.0.0.0';
  const shared = options.metricsPort === options.healthPort;

  const handler =
    (routes: { probes: boolean; metrics: boolean }) =>
    (req: http.IncomingMessage, res: http.ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      if (routes.probes && (path === '/healthz' || path === '/readyz')) {
        const result = runChecks(
          path === '/healthz' ? options.liveness : options.readiness,
        );
        res
          .writeHead(result.ok ? 200 : 503, { 'content-type': 'text/plain' })
          .end(
            `${result.body}\n${path.slice(1)} ${result.ok ? 'ok' : 'failed'}\n`,
          );
        return;
      }
      if (routes.metrics && path === '/metrics') {
        options.registry.metrics().then(
          text =>
            res
              .writeHead(200, { 'content-type': options.registry.contentType })
              .end(text),
          () => res.writeHead(500).end(),
        );
        return;
      }
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end(
          `Not found; try ${[
            routes.probes ? '/healthz, /readyz' : '',
            routes.metrics ? '/metrics' : '',
          ]
            .filter(Boolean)
            .join(', ')}\n`,
        );
    };

  const servers: http.Server[] = [];
  const healthServer = http.createServer(
    handler({ probes: true, metrics: shared }),
  );
  servers.push(healthServer);
  const healthPort = await listen(healthServer, options.healthPort, host);
  let metricsPort = healthPort;
  if (!shared) {
    const metricsServer = http.createServer(
      handler({ probes: false, metrics: true }),
    );
    servers.push(metricsServer);
    metricsPort = await listen(metricsServer, options.metricsPort, host);
  }

  return {
    healthPort,
    metricsPort,
    close: async () => {
      await Promise.all(
        servers.map(
          server =>
            new Promise<void>(resolve => {
              server.closeAllConnections?.();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
