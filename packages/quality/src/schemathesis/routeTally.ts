import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { parse } from 'yaml';

/** Requests one route received and how it answered. @public */
export interface RouteCount {
  route: string;
  requests: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
}

/** The backend's OpenAPI contract, as a file path. @public */
export const OPENAPI_FILE = path.join(
  path.dirname(
    require.resolve('@internal/plugin-secrets-sync-backend/package.json'),
  ),
  'src',
  'schema',
  'openapi.yaml',
);

/** `METHOD /path/{param}` for every operation of the contract. @public */
export function contractRoutes(): Array<{ method: string; path: string }> {
  const spec = parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(spec.paths).flatMap(([route, operations]) =>
    Object.keys(operations)
      .filter(method =>
        ['get', 'put', 'post', 'patch', 'delete'].includes(method),
      )
      .map(method => ({ method: method.toUpperCase(), path: route })),
  );
}

/**
 * Tallies, on the server side, every request `server` answers under
 * `basePath` by contract route and status class, so the figures do not
 * depend on what the client reports.
 *
 * @public
 */
export function tallyRequests(server: Server, basePath: string) {
  const matchers = contractRoutes().map(route => ({
    name: `${route.method} ${route.path}`,
    method: route.method,
    pattern: new RegExp(
      `^${basePath}${route.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`,
    ),
  }));
  const counts = new Map<string, RouteCount>();
  for (const { name } of matchers) {
    counts.set(name, {
      route: name,
      requests: 0,
      '2xx': 0,
      '4xx': 0,
      '5xx': 0,
    });
  }
  // First in line: express rewrites req.url while routing to a mount point.
  server.prependListener('request', (req, res) => {
    const url = (req.url ?? '').split('?')[0];
    const match = matchers.find(
      m => m.method === req.method && m.pattern.test(url),
    );
    const name = match?.name ?? 'other (no such route)';
    res.on('finish', () => {
      const count = counts.get(name) ?? {
        route: name,
        requests: 0,
        '2xx': 0,
        '4xx': 0,
        '5xx': 0,
      };
      count.requests++;
      const klass = `${Math.floor(res.statusCode / 100)}xx`;
      if (klass === '2xx' || klass === '4xx' || klass === '5xx') {
        count[klass]++;
      }
      counts.set(name, count);
    });
  });
  return { counts: () => [...counts.values()] };
}
