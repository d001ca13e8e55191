import {
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CoreV1Api } from '@kubernetes/client-node';
import { readSandbox, SANDBOX_ACCOUNTS } from '@internal/sandbox';
import {
  proxySandbox,
  RunningToxiproxy,
  SandboxProxies,
  startToxiproxy,
} from '../upstream/toxiproxy';
import { awsClientConfigVia, kubeConfigVia } from '../upstream/proxiedClients';
import { countUpstreamCalls } from '../upstream/countUpstreamCalls';

const INJECTED_MS = 150;

/**
 * The fastest of some calls. A busy machine only adds time, so the fastest
 * call is the one that says what the network path costs: with a latency
 * toxic, none can be faster than the latency injected.
 */
async function fastestMs(runs: number, call: () => Promise<unknown>) {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

describe('latency injected through toxiproxy', () => {
  let toxiproxy: RunningToxiproxy;
  let proxies: SandboxProxies;

  beforeAll(async () => {
    readSandbox();
    toxiproxy = await startToxiproxy();
    proxies = await proxySandbox(toxiproxy.client, 'latency');
  });

  afterAll(async () => {
    await toxiproxy?.stop();
  });

  afterEach(async () => {
    await toxiproxy.client.reset();
  });

  it('delays AWS Secrets Manager calls by the injected latency, and the counter sees each call', async () => {
    const aws = new SecretsManagerClient(
      await awsClientConfigVia(SANDBOX_ACCOUNTS.dev, proxies.aws.endpoint),
    );
    const list = () => aws.send(new ListSecretsCommand({ MaxResults: 1 }));
    const counter = countUpstreamCalls({
      [new URL(proxies.aws.endpoint).host]: 'aws',
    });
    try {
      const before = await fastestMs(5, list);
      await toxiproxy.client.addToxic(proxies.aws.proxy, {
        type: 'latency',
        attributes: { latency: INJECTED_MS },
      });
      const after = await fastestMs(5, list);

      expect(before).toBeLessThan(INJECTED_MS);
      // timers may round a millisecond down
      expect(after).toBeGreaterThanOrEqual(INJECTED_MS - 1);
      expect(counter.count('aws')).toBe(10);
      expect(counter.calls[0].operation).toBe('secretsmanager.ListSecrets');
    } finally {
      counter.stop();
      aws.destroy();
    }
  });

  it.each(['dev', 'prod'] as const)(
    'delays kube-apiserver %s calls by the injected latency',
    async cluster => {
      const core = kubeConfigVia(
        cluster,
        'backend',
        proxies.clusters[cluster].server,
      ).makeApiClient(CoreV1Api);
      const list = () => core.listNamespace({ limit: 1 });
      const before = await fastestMs(5, list);
      await toxiproxy.client.addToxic(proxies.clusters[cluster].proxy, {
        type: 'latency',
        attributes: { latency: INJECTED_MS },
      });
      const after = await fastestMs(5, list);

      expect(before).toBeLessThan(INJECTED_MS);
      expect(after).toBeGreaterThanOrEqual(INJECTED_MS - 1);
    },
  );

  it('fails a call fast once the proxy resets the connection', async () => {
    const aws = new SecretsManagerClient(
      await awsClientConfigVia(SANDBOX_ACCOUNTS.dev, proxies.aws.endpoint),
    );
    try {
      await toxiproxy.client.addToxic(proxies.aws.proxy, {
        type: 'reset_peer',
        attributes: { timeout: 0 },
      });
      await expect(
        aws.send(new ListSecretsCommand({ MaxResults: 1 })),
      ).rejects.toThrow(/ECONNRESET|socket hang up/);
    } finally {
      aws.destroy();
    }
  });
});
