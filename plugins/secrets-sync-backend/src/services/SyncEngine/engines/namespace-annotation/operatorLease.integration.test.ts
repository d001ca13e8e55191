import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  PrivateCluster,
  SANDBOX_ACCOUNTS,
  SANDBOX_TOKENS,
  awsClientConfigFor,
  startPrivateCluster,
} from '@internal/sandbox';
import {
  CoordinationV1Api,
  CoreV1Api,
  V1MicroTime,
} from '@kubernetes/client-node';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { readSecretsSyncConfig } from '../../../../config';
import {
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import { createAwsClients, createAwsSecretsService } from '../../../AwsSecrets';
import { createClusterReader } from '../../../Kubernetes';
import type { SyncTarget } from '../../types';
import { createNamespaceAnnotationEngine } from '.';

jest.setTimeout(90_000);

// a contract of our own, so that no operator acts on these namespaces
const OPT_IN = 'lease.secrets-sync.io/managed';
const LEASE = { namespace: 'default', name: 'secrets-sync-operator' };

/**
 * The namespace-annotation engine reading the operator's leader-election
 * Lease on a kube-apiserver of its own (the shared clusters run an operator
 * whose Lease this test must not touch), as the backend's identity with the
 * sandbox RBAC, through the watch caches.
 */
describe('namespace-annotation engine and the operator Lease, against a real kube-apiserver', () => {
  let cluster: PrivateCluster;
  let admin: { core: CoreV1Api; coordination: CoordinationV1Api };
  let stopReader: () => void = () => {};

  beforeAll(async () => {
    cluster = await startPrivateCluster('operator-lease');
    const kubeConfig = cluster.kubeConfigFor('admin');
    admin = {
      core: kubeConfig.makeApiClient(CoreV1Api),
      coordination: kubeConfig.makeApiClient(CoordinationV1Api),
    };
  });

  afterAll(async () => {
    stopReader();
    await cluster?.stop();
  });

  function setUp() {
    const data = sandboxConfigData();
    const [dev] = data.secretsSync.environments;
    const config = new ConfigReader({
      ...data,
      secretsSync: {
        ...data.secretsSync,
        environments: [
          {
            ...dev,
            kubernetes: {
              name: 'operator-lease',
              url: cluster.server,
              caFile: cluster.caFile,
              auth: {
                type: 'serviceAccountToken',
                token: SANDBOX_TOKENS.backend,
              },
            },
            engine: { optInAnnotation: OPT_IN, operatorLease: {} },
          },
        ],
      },
    });
    const settings = readSecretsSyncConfig(config);
    const credentialsManager = DefaultAwsCredentialsManager.fromConfig(config);
    const kubernetes = createClusterReader({
      credentialsManager,
      cache: settings.cache.kubernetes,
      logger: { warn: () => {} } as never,
    });
    stopReader = () => kubernetes.stop();
    const engine = createNamespaceAnnotationEngine({
      aws: createAwsSecretsService({
        clients: createAwsClients({ credentialsManager }),
        metadataTtlMs: 0,
      }),
      kubernetes,
      pendingGracePeriodMs: 120_000,
    });
    return { engine, environment: settings.environments[0] };
  }

  /** An opted-in tenant whose AWS secret exists and whose Secret was never made. */
  async function waitingTenant(
    environment: SyncTarget['environment'],
  ): Promise<SyncTarget> {
    const tenantKey = uniqueName('lease');
    await admin.core.createNamespace({
      body: {
        metadata: {
          name: `sites-${tenantKey}`,
          annotations: { [OPT_IN]: 'enabled' },
        },
      },
    });
    const client = new SecretsManagerClient(
      await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
    );
    await client.send(
      new CreateSecretCommand({
        Name: `sites/${tenantKey}/build`,
        SecretString: '{"A":"1"}',
      }),
    );
    return { environment, tenantKey, entityRef: `component:default/${tenantKey}` };
  }

  async function writeLease(renewedAt: Date, holderIdentity: string) {
    const spec = {
      holderIdentity,
      leaseDurationSeconds: 15,
      renewTime: new V1MicroTime(renewedAt.getTime()),
    };
    try {
      const lease = await admin.coordination.readNamespacedLease(LEASE);
      await admin.coordination.replaceNamespacedLease({
        ...LEASE,
        body: { ...lease, spec: { ...lease.spec, ...spec } },
      });
    } catch {
      await admin.coordination.createNamespacedLease({
        namespace: LEASE.namespace,
        body: { metadata: LEASE, spec },
      });
    }
  }

  /** Reads the status until it meets `done` (the cache sees a Lease change a moment later). */
  async function statusWhen(
    read: () => Promise<EnvironmentTopology>,
    done: (topology: EnvironmentTopology) => boolean,
  ): Promise<EnvironmentTopology> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const topology = await read();
      if (done(topology) || Date.now() > deadline) {
        return topology;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  it('says the operator is not running while its Lease is missing or stale, and nothing once it is renewed', async () => {
    const { engine, environment } = setUp();
    const target = await waitingTenant(environment);
    const read = () => engine.readStatus(target);

    const missing = await read();
    expect(missing.status).toBe('pending');
    expect(missing.reason).toMatchObject({
      code: 'operator-not-running',
      hop: 'operator',
    });
    expect(missing.reason?.message).toContain(
      `Lease default/secrets-sync-operator in cluster operator-lease does not exist`,
    );

    const stoppedAt = new Date(Date.now() - 10 * 60_000);
    await writeLease(stoppedAt, 'local-dev-4242');
    const stopped = await statusWhen(read, topology =>
      Boolean(topology.reason?.message.includes('last renewed')),
    );
    expect(stopped.status).toBe('pending');
    expect(stopped.reason).toMatchObject({
      code: 'operator-not-running',
      hop: 'operator',
    });
    expect(stopped.reason?.message).toContain(
      `last renewed at ${stoppedAt.toISOString()} by local-dev-4242`,
    );
    expect(stopped.reason?.message).toContain('Start or restart the operator');

    await writeLease(new Date(), 'local-dev-4243');
    const running = await statusWhen(
      read,
      topology => topology.reason?.hop !== 'operator',
    );
    expect(running.status).toBe('pending');
    expect(running.reason).toMatchObject({ code: 'not-found', hop: 'kubernetes' });
  });
});
