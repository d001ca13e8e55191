import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  V1Container,
} from '@kubernetes/client-node';
import {
  DEFAULT_BINDING_ANNOTATION,
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as contract,
  renderTemplate,
  SECRETS_SYNC_ENTITY_TAG,
  SECRETS_SYNC_MANAGED_TAG,
  SECRETS_SYNC_MANAGED_TAG_VALUE,
} from '@internal/plugin-secrets-sync-common';
import { awsClientConfigFor } from '../aws';
import { kubeConfigFor } from '../kube';
import { SANDBOX_ACCOUNTS } from '../sandboxInfo';
import {
  DEMO_TENANTS,
  DemoEnvironmentSeed,
  DemoTenantSeed,
} from './demoScenario';

/** The tags the backend puts on the secrets it manages. */
const managedTags = (entityRef: string) => [
  { Key: SECRETS_SYNC_MANAGED_TAG, Value: SECRETS_SYNC_MANAGED_TAG_VALUE },
  { Key: SECRETS_SYNC_ENTITY_TAG, Value: entityRef },
];

async function ignoreConflict(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: number }).code !== 409) {
      throw error;
    }
  }
}

async function seedAws(
  tenant: DemoTenantSeed,
  seed: DemoEnvironmentSeed,
): Promise<void> {
  const secretString =
    seed.awsRawDocument ??
    (seed.awsValues ? JSON.stringify(seed.awsValues) : undefined);
  if (secretString === undefined) {
    return;
  }
  const client = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS[seed.cluster]),
  );
  const name = renderTemplate(contract.awsKeyTemplate, tenant.tenantKey);
  try {
    const existing = await client.send(
      new DescribeSecretCommand({ SecretId: name }),
    );
    if (existing.DeletedDate) {
      await client.send(new RestoreSecretCommand({ SecretId: name }));
    }
    await client.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: secretString }),
    );
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) {
      throw error;
    }
    await client.send(
      new CreateSecretCommand({
        Name: name,
        SecretString: secretString,
        Tags: managedTags(tenant.entityRef),
      }),
    );
  }
  if (seed.awsDeletionScheduled) {
    await client.send(
      new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }),
    );
  }
}

function consumerContainer(tenantKey: string): V1Container {
  return {
    name: 'app',
    image: `registry.example.com/${tenantKey}:1.0.0`,
    envFrom: [{ secretRef: { name: contract.secretName, optional: true } }],
  };
}

async function seedConsumers(
  tenant: DemoTenantSeed,
  seed: DemoEnvironmentSeed,
  namespace: string,
): Promise<void> {
  const kubeConfig = kubeConfigFor(seed.cluster, 'admin');
  const labels = { app: tenant.tenantKey };
  const podSpec = { containers: [consumerContainer(tenant.tenantKey)] };
  for (const kind of seed.consumers ?? []) {
    if (kind === 'Deployment') {
      await ignoreConflict(
        kubeConfig.makeApiClient(AppsV1Api).createNamespacedDeployment({
          namespace,
          body: {
            metadata: { name: tenant.tenantKey, labels },
            spec: {
              replicas: 1,
              selector: { matchLabels: labels },
              template: { metadata: { labels }, spec: podSpec },
            },
          },
        }),
      );
      await seedRunningPod(seed, namespace, tenant.tenantKey, labels);
    } else {
      await ignoreConflict(
        kubeConfig.makeApiClient(BatchV1Api).createNamespacedCronJob({
          namespace,
          body: {
            metadata: { name: `${tenant.tenantKey}-nightly`, labels },
            spec: {
              schedule: '0 2 * * *',
              jobTemplate: {
                spec: {
                  template: {
                    spec: { ...podSpec, restartPolicy: 'OnFailure' },
                  },
                },
              },
            },
          },
        }),
      );
    }
  }
}

/**
 * There are no controllers in the local stack, so the ReplicaSet and pod a
 * Deployment would run are created directly, owned as a controller would
 * own them, with a start time a day ago: the pod predates the Secret and
 * holds old values.
 */
async function seedRunningPod(
  seed: DemoEnvironmentSeed,
  namespace: string,
  tenantKey: string,
  labels: Record<string, string>,
): Promise<void> {
  const kubeConfig = kubeConfigFor(seed.cluster, 'admin');
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const replicaSetName = `${tenantKey}-6d4f9b7c8`;
  const name = `${replicaSetName}-x2x7q`;
  const ownedBy = (
    object: { metadata?: { name?: string; uid?: string } },
    kind: string,
  ) => [
    {
      apiVersion: 'apps/v1',
      kind,
      name: object.metadata!.name!,
      uid: object.metadata!.uid!,
      controller: true,
    },
  ];
  const deployment = await apps.readNamespacedDeployment({
    name: tenantKey,
    namespace,
  });
  await ignoreConflict(
    apps.createNamespacedReplicaSet({
      namespace,
      body: {
        metadata: {
          name: replicaSetName,
          labels,
          ownerReferences: ownedBy(deployment, 'Deployment'),
        },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: deployment.spec!.template,
        },
      },
    }),
  );
  const replicaSet = await apps.readNamespacedReplicaSet({
    name: replicaSetName,
    namespace,
  });
  await ignoreConflict(
    core.createNamespacedPod({
      namespace,
      body: {
        metadata: {
          name,
          labels,
          ownerReferences: ownedBy(replicaSet, 'ReplicaSet'),
        },
        spec: { containers: [consumerContainer(tenantKey)] },
      },
    }),
  );
  const startTime = new Date(Date.now() - 24 * 3600 * 1000);
  await core.replaceNamespacedPodStatus({
    name,
    namespace,
    body: {
      ...(await core.readNamespacedPod({ name, namespace })),
      status: { phase: 'Running', startTime },
    },
  });
}

async function seedKubernetes(
  tenant: DemoTenantSeed,
  seed: DemoEnvironmentSeed,
): Promise<void> {
  if (!seed.namespace) {
    return;
  }
  const core = kubeConfigFor(seed.cluster, 'admin').makeApiClient(CoreV1Api);
  const namespace = renderTemplate(
    contract.namespaceTemplate,
    tenant.tenantKey,
  );
  const annotations: Record<string, string> = {
    ...(seed.optedIn
      ? { [contract.optInAnnotation]: contract.enabledValue }
      : {}),
    ...(seed.bound === false
      ? {}
      : { [DEFAULT_BINDING_ANNOTATION]: tenant.entityRef }),
  };
  await ignoreConflict(
    core.createNamespace({ body: { metadata: { name: namespace, annotations } } }),
  );
  // a namespace left from an earlier seed gets the binding too
  await core.patchNamespace(
    {
      name: namespace,
      body: {
        metadata: {
          annotations: {
            [DEFAULT_BINDING_ANNOTATION]:
              seed.bound === false ? null : tenant.entityRef,
          },
        },
      },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  if (seed.unownedSecret) {
    await ignoreConflict(
      core.createNamespacedSecret({
        namespace,
        body: {
          metadata: { name: contract.secretName },
          stringData: seed.unownedSecret,
        },
      }),
    );
  }
  await seedConsumers(tenant, seed, namespace);
}

/** Writes the demo tenants' AWS secrets and Kubernetes objects; idempotent. */
export async function seedDemo(): Promise<void> {
  for (const tenant of DEMO_TENANTS) {
    for (const seed of tenant.environments) {
      await seedAws(tenant, seed);
      await seedKubernetes(tenant, seed);
    }
  }
}
