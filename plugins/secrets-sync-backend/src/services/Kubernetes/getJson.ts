import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * GETs a path of the API server as JSON, with the KubeConfig's TLS and
 * credentials. Lists of the watch caches use it so that listed and watched
 * objects have one form: the API server's JSON, dates as strings. A non-200
 * answer rejects with `code` (the HTTP status) and `body`, the shape
 * `classifyError` reads.
 */
export async function getJson(
  kubeConfig: KubeConfig,
  path: string,
): Promise<unknown> {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new Error('No current cluster in the KubeConfig');
  }
  const url = new URL(server + path);
  const options: https.RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json' },
  };
  await kubeConfig.applyToHTTPSOptions(options);
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
    request.setTimeout(REQUEST_TIMEOUT_MS, () =>
      request.destroy(
        Object.assign(new Error('Request timed out'), { code: 'ETIMEDOUT' }),
      ),
    );
    request.on('error', reject);
    request.end();
  });
}
