import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/** What the backend sent, by upstream, since the last reset. */
export interface RequestCounts {
  /** AWS Secrets Manager calls, by operation. */
  aws: Record<string, number>;
  awsTotal: number;
  /** STS calls (credentials), counted apart: the SDK refreshes them on its own. */
  sts: number;
  /** Kubernetes API requests, by method and path without query. */
  kubernetes: Record<string, number>;
  kubernetesTotal: number;
}

/**
 * Counts HTTP requests this process starts, at Node's `http` client (the
 * `http.client.request.start` diagnostics channel), so every request the
 * AWS SDK and `@kubernetes/client-node` send is seen without touching them.
 *
 * @param hosts - `host:port` of moto and of each kube-apiserver.
 */
export function countRequests(hosts: { aws: string; kubernetes: string[] }) {
  let counts: RequestCounts;
  const reset = () => {
    counts = {
      aws: {},
      awsTotal: 0,
      sts: 0,
      kubernetes: {},
      kubernetesTotal: 0,
    };
  };
  reset();
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const host = String(request.getHeader('host') ?? '');
    if (host === hosts.aws) {
      const target = request.getHeader('x-amz-target');
      if (typeof target === 'string' && target.startsWith('secretsmanager.')) {
        const operation = target.split('.')[1];
        counts.aws[operation] = (counts.aws[operation] ?? 0) + 1;
        counts.awsTotal++;
      } else {
        counts.sts++;
      }
    } else if (hosts.kubernetes.includes(host)) {
      if (request.path === '/version') {
        // the watch caches' liveness probe, on a timer: no read sends it
        return;
      }
      const key = `${request.method} ${request.path.split('?')[0]}`;
      counts.kubernetes[key] = (counts.kubernetes[key] ?? 0) + 1;
      counts.kubernetesTotal++;
    }
  };
  diagnosticsChannel.subscribe('http.client.request.start', onStart);
  return {
    /** The counts so far, and starts counting anew. */
    take(): RequestCounts {
      const taken = counts;
      reset();
      return taken;
    },
    stop() {
      diagnosticsChannel.unsubscribe('http.client.request.start', onStart);
    },
  };
}
