import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
} from '@internal/sandbox';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { readSecretsSyncConfig } from '../../../../config';
import {
  sandboxConfig,
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import { createAwsClients, createAwsSecretsService } from '../../../AwsSecrets';
import { createKubernetesService } from '../../../Kubernetes';
import type { SyncTarget } from '../../types';
import { createSyncedSecretEngine } from '.';

const GROUP = 'secrets.contentful.com';

/**
 * The synced-secret engine on the local stack: moto, and the dev
 * kube-apiserver serving kube-secret-syncer's own SyncedSecret CRD. Its
 * controller does not run in the stack (docs/engines.md says why), so a
 * test writes the Secret as the controller does: named after the
 * SyncedSecret, the AWS document's keys as its keys.
 */
describe('synced-secret engine against the real kube-apiserver and moto', () => {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const credentialsManager = DefaultAwsCredentialsManager.fromConfig(
    sandboxConfig(),
  );
  const aws = createAwsSecretsService({
    clients: createAwsClients({ credentialsManager }),
  });
  const engine = createSyncedSecretEngine({
    aws,
    kubernetes: createKubernetesService({ credentialsManager }),
    pendingGracePeriodMs: 120_000,
  });

  const data = sandboxConfigData();
  const [dev] = data.secretsSync.environments;
  const environment = readSecretsSyncConfig(
    new ConfigReader({
      ...data,
      secretsSync: {
        ...data.secretsSync,
        environments: [
          {
            ...dev,
            engine: {
              type: 'synced-secret',
              namespaceTemplate: 'kss-{tenant}',
            },
          },
        ],
      },
    }),
  ).environments[0];

  async function awsClient() {
    return new SecretsManagerClient(
      await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
    );
  }

  /** A tenant with its namespace and its AWS secret. */
  async function tenant(): Promise<{
    target: SyncTarget;
    namespace: string;
    key: string;
  }> {
    const tenantKey = uniqueName('kss');
    const namespace = `kss-${tenantKey}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const key = `sites/${tenantKey}/build`;
    await (
      await awsClient()
    ).send(new CreateSecretCommand({ Name: key, SecretString: '{"A":"1"}' }));
    return {
      target: {
        environment,
        tenantKey,
        entityRef: `component:default/${tenantKey}`,
      },
      namespace,
      key,
    };
  }

  async function syncedSecret(namespace: string, name: string, key: string) {
    await custom.createNamespacedCustomObject({
      group: GROUP,
      version: 'v1',
      namespace,
      plural: 'syncedsecrets',
      body: {
        apiVersion: `${GROUP}/v1`,
        kind: 'SyncedSecret',
        metadata: { name },
        spec: {
          IAMRole: 'secret-syncer',
          dataFrom: { secretRef: { name: key } },
        },
      },
    });
  }

  /** Writes the Secret as kube-secret-syncer does after a poll. */
  async function controllerWrites(
    namespace: string,
    name: string,
    values: Record<string, string>,
  ) {
    const body = { metadata: { name, namespace }, stringData: values };
    try {
      await core.replaceNamespacedSecret({ name, namespace, body });
    } catch {
      await core.createNamespacedSecret({ namespace, body });
    }
  }

  it('is not enabled without a SyncedSecret, and has no force sync', async () => {
    const { target } = await tenant();
    const status = await engine.readStatus(target);
    expect(status.status).toBe('not-enabled');
    expect(status.syncedSecret).toBeUndefined();
    await expect(engine.afterWrite(target)).resolves.toEqual({
      syncRequested: false,
      warning: expect.stringContaining('No SyncedSecret in namespace'),
    });
    await expect(engine.forceSync(target)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('has no force sync'),
    });
  });

  it('is pending with the time the Secret is due until the controller writes it, then synced', async () => {
    const { target, namespace, key } = await tenant();
    await syncedSecret(namespace, 'build-secrets', key);
    const before = await engine.readStatus(target);
    expect(before.status).toBe('pending');
    expect(before.kubernetes.secretName).toBe('build-secrets');
    expect(before.syncedSecret).toMatchObject({
      resourceName: 'build-secrets',
      apiVersion: `${GROUP}/v1`,
      pollIntervalSeconds: 300,
      resyncIntervalSeconds: 120,
    });
    // due 420 s after the later of the AWS change and the SyncedSecret's creation
    const due = before.syncedSecret!.dueBy!.getTime();
    expect(due - Date.now()).toBeGreaterThan(400_000);
    expect(due - Date.now()).toBeLessThanOrEqual(420_000);

    await controllerWrites(namespace, 'build-secrets', { A: '1' });
    const after = await engine.readStatus(target);
    expect(after.status).toBe('synced');
    expect(after.keys).toEqual([
      { name: 'A', inAws: true, inSecret: true, inSync: true },
    ]);
    expect(after.syncedSecret?.dueBy).toBeUndefined();
  });

  it('is pending again after a write to AWS, and says when the next poll carries it', async () => {
    const { target, namespace, key } = await tenant();
    await syncedSecret(namespace, 'build-secrets', key);
    await controllerWrites(namespace, 'build-secrets', { A: '1' });
    expect((await engine.readStatus(target)).status).toBe('synced');

    await (
      await awsClient()
    ).send(
      new PutSecretValueCommand({ SecretId: key, SecretString: '{"A":"2"}' }),
    );
    await expect(engine.afterWrite(target)).resolves.toEqual({
      syncRequested: false,
      warning: expect.stringContaining('polls AWS every 300 s'),
    });
    const status = await engine.readStatus(target);
    expect(status.status).toBe('pending');
    expect(status.keys).toEqual([
      { name: 'A', inAws: true, inSecret: true, inSync: false },
    ]);
    expect(status.syncedSecret?.dueBy).toBeInstanceOf(Date);
  });

  it('refuses to enable or disable sync: the SyncedSecret is the cluster’s', async () => {
    const { target } = await tenant();
    await expect(engine.setEnabled(target, false)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('uses the synced-secret engine'),
    });
  });
});
