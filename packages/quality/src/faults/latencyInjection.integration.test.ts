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

async function medianMs(runs: number, call: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
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
      const before = await medianMs(5, list);
      await toxiproxy.client.addToxic(proxies.aws.proxy, {
        type: 'latency',
        attributes: { latency: INJECTED_MS },
      });
      const after = await medianMs(5, list);

      expect(after - before).toBeGreaterThan(INJECTED_MS * 0.9);
      expect(after - before).toBeLessThan(INJECTED_MS * 3);
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
      const before = await medianMs(5, list);
      await toxiproxy.client.addToxic(proxies.clusters[cluster].proxy, {
        type: 'latency',
        attributes: { latency: INJECTED_MS },
      });
      const after = await medianMs(5, list);

      expect(after - before).toBeGreaterThan(INJECTED_MS * 0.9);
      expect(after - before).toBeLessThan(INJECTED_MS * 3);
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
