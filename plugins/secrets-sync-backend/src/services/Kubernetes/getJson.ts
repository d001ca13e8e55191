import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { sharedAgentFor } from './sharedAgent';

const REQUEST_TIMEOUT_MS = 30_000;

const baseOptions = new WeakMap<KubeConfig, Promise<https.RequestOptions>>();

/**
 * The TLS options and credentials of a KubeConfig, worked out once and sent
 * through its keep-alive agent: client-node reads the CA file again for
 * every request it applies them to.
 */
function requestOptionsFor(kubeConfig: KubeConfig) {
  const known = baseOptions.get(kubeConfig);
  if (known) {
    return known;
  }
  const options = (async () => {
    const applied: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(applied);
    return { ...applied, agent: await sharedAgentFor(kubeConfig) };
  })();
  options.catch(() => baseOptions.delete(kubeConfig));
  baseOptions.set(kubeConfig, options);
  return options;
}

/**
 * GETs a path of the API server as JSON, with the KubeConfig's TLS and
 * credentials. Lists of the watch caches use it so that listed and watched
 * objects have one form: the API server's JSON, dates as strings; direct
 * reads use it too, since client-node's fetch and deserialisation cost more
 * CPU than the request itself. A non-200
 * answer rejects with `code` (the HTTP status) and `body`, the shape
 * `classifyError` reads.
 */
export async function getJson(
  kubeConfig: KubeConfig,
  path: string,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<unknown> {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new Error('No current cluster in the KubeConfig');
  }
  const url = new URL(server + path);
  const base = await requestOptionsFor(kubeConfig);
  const options: https.RequestOptions = {
    ...base,
    method: 'GET',
    headers: { ...base.headers, Accept: 'application/json' },
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, options, response => {
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== 200) {
          reject(
            Object.assign(
              new Error(`HTTP ${response.statusCode} for GET ${url.pathname}`),
              { code: response.statusCode, body: text },
            ),
          );
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch (error) {
          reject(error);
        }
      });
    });
    request.setTimeout(timeoutMs, () =>
      request.destroy(
        Object.assign(new Error('Request timed out'), { code: 'ETIMEDOUT' }),
      ),
    );
    request.on('error', reject);
    request.end();
  });
}
