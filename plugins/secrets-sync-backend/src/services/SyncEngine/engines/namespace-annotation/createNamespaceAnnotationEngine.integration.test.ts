import { CoreV1Api } from '@kubernetes/client-node';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { kubeConfigFor } from '@internal/sandbox';
import { readSecretsSyncConfig } from '../../../../config';
import {
  sandboxConfig,
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import type { AwsSecretsService } from '../../../AwsSecrets';
import { createKubernetesService } from '../../../Kubernetes';
import { createNamespaceAnnotationEngine } from '.';

// A contract of our own, so an operator on the local stack leaves these namespaces alone.
const OPT_IN = 'bump.secrets-sync.io/managed';
const SYNC = 'bump.secrets-sync.io/sync';

describe('namespace-annotation engine force sync against the real kube-apiserver', () => {
  const data = sandboxConfigData();
  data.secretsSync.environments = data.secretsSync.environments.map(env => ({
    ...env,
    engine: {
      type: 'namespace-annotation',
      optInAnnotation: OPT_IN,
      forceSyncAnnotation: SYNC,
    },
  }));
  const [environment] = readSecretsSyncConfig(
    new ConfigReader(data),
  ).environments;
  const admin = kubeConfigFor('dev', 'admin').makeApiClient(CoreV1Api);
  // every bump of this test happens "in the same second"
  const frozen = new Date();
  const engine = createNamespaceAnnotationEngine({
    aws: {} as AwsSecretsService,
    kubernetes: createKubernetesService({
      credentialsManager: DefaultAwsCredentialsManager.fromConfig(
        sandboxConfig(),
      ),
    }),
    pendingGracePeriodMs: 120_000,
    now: () => frozen,
  });

  async function optedInTenant() {
    const tenantKey = uniqueName('bump');
    await admin.createNamespace({
      body: {
        metadata: {
          name: `sites-${tenantKey}`,
          annotations: { [OPT_IN]: 'enabled' },
        },
      },
    });
    return {
      target: {
        environment,
        tenantKey,
        entityRef: `component:default/${tenantKey}`,
      },
      read: async () =>
        (await admin.readNamespace({ name: `sites-${tenantKey}` })).metadata
          ?.annotations?.[SYNC],
    };
  }

  it('gives two writes in the same second two distinct annotation values', async () => {
    const { target, read } = await optedInTenant();
    await expect(engine.afterWrite(target)).resolves.toEqual({
      syncRequested: true,
    });
    const first = await read();
    await engine.afterWrite(target);
    const second = await read();
    expect(first).toBe(String(Math.floor(frozen.getTime() / 1000)));
    expect(Number(second)).toBe(Number(first) + 1);
  });

  it('changes the annotation once per bump when bumps race', async () => {
    const { target, read } = await optedInTenant();
    await Promise.all([
      engine.forceSync(target),
      engine.forceSync(target),
      engine.afterWrite(target),
    ]);
    expect(Number(await read())).toBe(Math.floor(frozen.getTime() / 1000) + 2);
  });
});
