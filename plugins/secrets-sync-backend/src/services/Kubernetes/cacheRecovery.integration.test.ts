import { mockServices } from '@backstage/backend-test-utils';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  PrivateCluster,
  SANDBOX_TOKENS,
  startPrivateCluster,
} from '@internal/sandbox';
import { CoreV1Api } from '@kubernetes/client-node';
import { countRequests } from '../../__testUtils__/countRequests';
import {
  sandboxConfig,
  sandboxDevCluster,
  uniqueName,
} from '../../__testUtils__/sandboxConfig';
import { createClusterReader } from './createClusterReader';
import type { ClusterConfig } from './types';

jest.setTimeout(120_000);

/** Polls `check` until it holds, failing after `timeoutMs` with what was last seen. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (${last})`);
}

async function answers(server: string): Promise<boolean> {
  try {
    // any HTTP answer, 401 included, means the server is up
    await fetch(`${server}/version`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The watch caches across a restart of their kube-apiserver (one of this
 * test's own: restarting a shared cluster would break every test beside
 * it), with production's resync period, so that nothing but noticing the
 * restart can bring the caches back.
 */
describe('watch caches across a kube-apiserver restart', () => {
  let server: PrivateCluster;
  let admin: CoreV1Api;
  let cluster: ClusterConfig;
  let counter: ReturnType<typeof countRequests>;
  let kubernetes: ReturnType<typeof createClusterReader>;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    server = await startPrivateCluster('cache-recovery');
    admin = server.kubeConfigFor('admin').makeApiClient(CoreV1Api);
    const dev = sandboxDevCluster();
    cluster = {
      ...dev.cluster,
      name: 'cache-recovery',
      url: server.server,
      caFile: server.caFile,
      caData: undefined,
      auth: { type: 'serviceAccountToken', token: SANDBOX_TOKENS.backend },
    };
    counter = countRequests({
      aws: 'none',
      kubernetes: [new URL(server.server).host],
    });
    kubernetes = createClusterReader({
      credentialsManager: DefaultAwsCredentialsManager.fromConfig(
        sandboxConfig(),
      ),
      cache: {
        ...dev.cache,
        enabled: true,
        resyncPeriodMs: 600_000,
        watchTimeoutSeconds: 30,
      },
      logger,
    });
  });

  afterAll(async () => {
    kubernetes?.stop();
    counter?.stop();
    await server?.stop();
  });

  /** Whether the cache answers for the namespace, without a request. */
  async function fromCache(name: string) {
    counter.take();
    const namespace = await kubernetes.getNamespace(cluster, name);
    return counter.take().kubernetesTotal === 0 ? namespace : undefined;
  }

  it('stops answering within seconds of the server going away, and answers again from a fresh list soon after it is back', async () => {
    const before = uniqueName('before');
    await admin.createNamespace({ body: { metadata: { name: before } } });
    await kubernetes.warmUp([{ cluster }], 10_000);
    await waitFor(
      'the cache listing the namespace',
      () => fromCache(before),
      10_000,
    );

    const restarted = server.restart();
    await waitFor(
      'the server going away',
      async () => ((await answers(server.server)) ? undefined : true),
      15_000,
    );
    const wentAway = Date.now();
    // the cache no longer vouches for what it holds: the read goes to the
    // API server, which is not there
    const failure = await waitFor(
      'the cache noticing',
      async () => {
        try {
          await kubernetes.getNamespace(cluster, before);
          return undefined;
        } catch (error) {
          return error as { reason?: string };
        }
      },
      8_000,
    );
    expect(failure.reason).toBe('unreachable');
    expect(Date.now() - wentAway).toBeLessThan(8_000);

    await restarted;
    const back = Date.now();
    // a fleet pass never waits the sync timeout for a cache that is recovering
    await kubernetes.warmUp([{ cluster }], 10_000);
    expect(Date.now() - back).toBeLessThan(2_000);

    const after = uniqueName('after');
    await admin.createNamespace({ body: { metadata: { name: after } } });
    const listed = await waitFor(
      'the cache answering again',
      () => fromCache(after),
      15_000,
    );
    expect(listed.metadata?.name).toBe(after);
    await expect(fromCache(before)).resolves.toMatchObject({
      metadata: { name: before },
    });
    // the resync period is ten minutes: only noticing the restart did this
    expect(Date.now() - back).toBeLessThan(15_000);
  });
});
