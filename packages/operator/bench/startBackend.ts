import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import secretsSyncPlugin from '@internal/plugin-secrets-sync-backend';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';
import {
  readSandbox,
  SANDBOX_ACCOUNTS,
  SANDBOX_MAIN_CREDENTIALS,
  SANDBOX_TOKENS,
} from '@internal/sandbox';

/**
 * The real secrets-sync backend plugin, in this process, configured for the
 * local stack's dev environment as app-config.yaml's embedded default is,
 * with one catalog component for the benchmark's tenant.
 */
export async function startBenchBackend(tenantKey: string) {
  const sandbox = readSandbox();
  // @backstage/integration-aws-node has no STS endpoint setting; the SDK reads this.
  process.env.AWS_ENDPOINT_URL_STS = sandbox.aws.endpoint;
  const config = {
    aws: {
      mainAccount: { ...SANDBOX_MAIN_CREDENTIALS },
      accounts: [
        { accountId: SANDBOX_ACCOUNTS.dev, roleName: 'secrets-sync-backend' },
      ],
    },
    secretsSync: {
      environments: [
        {
          name: 'dev',
          title: 'Development',
          aws: {
            accountId: SANDBOX_ACCOUNTS.dev,
            region: sandbox.aws.region,
            endpoint: sandbox.aws.endpoint,
          },
          kubernetes: {
            name: 'dev',
            url: sandbox.clusters.dev.server,
            caFile: sandbox.clusters.dev.caFile,
            auth: {
              type: 'serviceAccountToken',
              token: SANDBOX_TOKENS.backend,
            },
          },
        },
      ],
    },
  };
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: tenantKey,
      namespace: 'default',
      annotations: {
        [SECRETS_SYNC_TENANT_KEY_ANNOTATION]: tenantKey,
        [SECRETS_SYNC_ENVIRONMENTS_ANNOTATION]: 'dev',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/bench',
    },
  };
  const backend = await startTestBackend({
    features: [
      secretsSyncPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.auth.factory(),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.user('user:default/bench'),
      }),
      catalogServiceMock.factory({ entities: [entity] }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    valuesUrl: `http://127.0.0.1:${port}/api/secrets-sync/entities/component/default/${tenantKey}/values`,
    stop: () => backend.stop(),
  };
}
