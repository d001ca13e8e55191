import { KubeConfig, V1Secret, Watch } from '@kubernetes/client-node';

/**
 * Watches one Secret and resolves waiters when one of its keys takes a
 * given value: the moment a consumer of the cluster could see it.
 */
export async function watchSecretKey(options: {
  kubeConfig: KubeConfig;
  namespace: string;
  name: string;
  key: string;
}) {
  const waiters = new Map<string, (at: number) => void>();
  let stopped = false;
  const seen = new Map<string, number>();
  const watch = new Watch(options.kubeConfig);
  const controller = await watch.watch(
    `/api/v1/namespaces/${options.namespace}/secrets`,
    { fieldSelector: `metadata.name=${options.name}` },
    (type: string, secret: V1Secret) => {
      if (type !== 'ADDED' && type !== 'MODIFIED') {
        return;
      }
      const encoded = secret.data?.[options.key];
      if (encoded === undefined) {
        return;
      }
      const value = Buffer.from(encoded, 'base64').toString('utf8');
      const at = performance.now();
      seen.set(value, at);
      waiters.get(value)?.(at);
      waiters.delete(value);
    },
    error => {
      if (error && !stopped) {
        process.stderr.write(`secret watch ended: ${String(error)}\n`);
      }
    },
  );
  return {
    /** Resolves with the time the value was first seen, or undefined on timeout. */
    waitFor(value: string, timeoutMs: number): Promise<number | undefined> {
      const already = seen.get(value);
      if (already !== undefined) {
        return Promise.resolve(already);
      }
      return new Promise(resolve => {
        const timer = setTimeout(() => {
          waiters.delete(value);
          resolve(undefined);
        }, timeoutMs);
        waiters.set(value, at => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    stop: () => {
      stopped = true;
      controller.abort();
    },
  };
}
