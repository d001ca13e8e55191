import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readSandbox, SANDBOX_DIR, SANDBOX_STATE_DIR } from './sandboxInfo';
import type { SandboxCluster } from './sandboxInfo';
import { freePort } from './lib/freePort';

/**
 * A fault toxiproxy injects on one direction of a proxied TCP stream.
 * Times are milliseconds.
 *
 * - `latency`: delays every chunk by `latency` (± `jitter`).
 * - `timeout`: stops all data and closes the connection after `timeout`;
 *   with 0 on the `upstream` stream, requests never reach the server and
 *   the client waits until the toxic is removed.
 * - `reset_peer`: resets the connection (TCP RST) after `timeout`.
 * - `limit_data`: closes the connection after `bytes` bytes.
 *
 * @public
 */
export type ToxiproxyToxic =
  | { type: 'latency'; attributes: { latency: number; jitter?: number } }
  | { type: 'timeout'; attributes: { timeout: number } }
  | { type: 'reset_peer'; attributes: { timeout: number } }
  | { type: 'limit_data'; attributes: { bytes: number } };

/**
 * A toxic to add, with where it applies.
 *
 * @public
 */
export type ToxiproxyToxicOptions = ToxiproxyToxic & {
  /** Unique per proxy; defaults to `<type>_<stream>`. */
  name?: string;
  /** `downstream` (server to client, default) or `upstream`. */
  stream?: 'upstream' | 'downstream';
  /** Share of connections affected, 0 to 1 (default 1). */
  toxicity?: number;
};

/**
 * A proxy as toxiproxy reports it; `listen` is the resolved `host:port`.
 *
 * @public
 */
export interface ToxiproxyProxy {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
}

/**
 * A small typed client of toxiproxy's HTTP API.
 *
 * @public
 */
export class ToxiproxyClient {
  /** The client of the server `scripts/toxiproxy.sh start` runs. */
  static fromState(): ToxiproxyClient {
    const file = path.join(SANDBOX_STATE_DIR, 'toxiproxy', 'api.json');
    if (!fs.existsSync(file)) {
      throw new Error(
        `toxiproxy is not running (no ${file}): run bash packages/sandbox/scripts/toxiproxy.sh start`,
      );
    }
    const { api } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      api: string;
    };
    return new ToxiproxyClient(api);
  }

  constructor(readonly apiUrl: string) {}

  async version(): Promise<string> {
    const { version } = await this.call<{ version: string }>('GET', '/version');
    return version;
  }

  /** Creates a proxy; `listen` defaults to a free port on 127.0.0.1. */
  async createProxy(options: {
    name: string;
    upstream: string;
    listen?: string;
  }): Promise<ToxiproxyProxy> {
    return this.call<ToxiproxyProxy>('POST', '/proxies', {
      name: options.name,
      upstream: options.upstream,
      listen: options.listen ?? '127.0.0.1:0',
      enabled: true,
    });
  }

  async deleteProxy(name: string): Promise<void> {
    await this.call('DELETE', `/proxies/${encodeURIComponent(name)}`);
  }

  /** A disabled proxy refuses connections and drops open ones. */
  async setEnabled(name: string, enabled: boolean): Promise<void> {
    await this.call('POST', `/proxies/${encodeURIComponent(name)}`, {
      enabled,
    });
  }

  /** Adds a toxic and returns its name, for {@link ToxiproxyClient.removeToxic}. */
  async addToxic(proxy: string, toxic: ToxiproxyToxicOptions): Promise<string> {
    const stream = toxic.stream ?? 'downstream';
    const created = await this.call<{ name: string }>(
      'POST',
      `/proxies/${encodeURIComponent(proxy)}/toxics`,
      {
        name: toxic.name ?? `${toxic.type}_${stream}`,
        type: toxic.type,
        stream,
        toxicity: toxic.toxicity ?? 1,
        attributes: toxic.attributes,
      },
    );
    return created.name;
  }

  async removeToxic(proxy: string, toxic: string): Promise<void> {
    await this.call(
      'DELETE',
      `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(
        toxic,
      )}`,
    );
  }

  /** Removes every toxic of every proxy and enables them all. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  private async call<T = unknown>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${this.apiUrl}${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `toxiproxy ${method} ${route} answered ${
          response.status
        }: ${text.trim()}`,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/**
 * A toxiproxy server owned by the caller.
 *
 * @public
 */
export interface RunningToxiproxy {
  client: ToxiproxyClient;
  /** The server's process, for a benchmark that counts its CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Builds toxiproxy if needed (`scripts/toxiproxy.sh build`, cached) and
 * starts a server of the caller's own on a free port, so that parallel test
 * files never share proxies or toxics.
 *
 * @public
 */
export async function startToxiproxy(): Promise<RunningToxiproxy> {
  const { stdout } = await promisify(execFile)(
    'bash',
    [path.join(SANDBOX_DIR, 'scripts', 'toxiproxy.sh'), 'build'],
    { maxBuffer: 1 << 20 },
  );
  const port = await freePort();
  const child = spawn(
    stdout.trim(),
    ['-host', '127.0.0.1', '-port', String(port)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', chunk => {
    output = (output + String(chunk)).slice(-2000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const client = new ToxiproxyClient(`http://127.0.0.1:${port}`);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    try {
      await client.version();
      return { client, pid: child.pid!, stop };
    } catch {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
  await stop();
  throw new Error(`toxiproxy did not start on port ${port}: ${output}`);
}

/**
 * Proxies in front of every server of the local stack, and the addresses to
 * use instead of the direct ones.
 *
 * @public
 */
export interface SandboxProxies {
  aws: { proxy: string; endpoint: string };
  clusters: Record<SandboxCluster, { proxy: string; server: string }>;
}

/**
 * Creates one proxy in front of moto and one in front of each
 * kube-apiserver. TLS passes through untouched: the kube-apiserver's
 * certificate names 127.0.0.1, so the proxied address verifies with the
 * same CA file.
 *
 * @param prefix - proxy name prefix, unique per caller.
 * @public
 */
export async function proxySandbox(
  client: ToxiproxyClient,
  prefix = 'sandbox',
): Promise<SandboxProxies> {
  const sandbox = readSandbox();
  const hostPort = (url: string) => new URL(url).host;
  const aws = await client.createProxy({
    name: `${prefix}-aws`,
    upstream: hostPort(sandbox.aws.endpoint),
  });
  const clusters = {} as SandboxProxies['clusters'];
  for (const cluster of Object.keys(sandbox.clusters) as SandboxCluster[]) {
    const proxy = await client.createProxy({
      name: `${prefix}-kube-${cluster}`,
      upstream: hostPort(sandbox.clusters[cluster].server),
    });
    clusters[cluster] = {
      proxy: proxy.name,
      server: `https://${proxy.listen}`,
    };
  }
  return {
    aws: { proxy: aws.name, endpoint: `http://${aws.listen}` },
    clusters,
  };
}
