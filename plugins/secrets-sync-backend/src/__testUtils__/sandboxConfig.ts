import { ConfigReader } from '@backstage/config';
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_MAIN_CREDENTIALS,
  SANDBOX_TOKENS,
  readSandbox,
} from '@internal/sandbox';
import { CacheConfig, readSecretsSyncConfig } from '../config';
import type { ClusterConfig } from '../services/Kubernetes';

/**
 * The plugin's configuration pointing at the running local stack, as
 * app-config.yaml does. Throws with a clear message when the stack is down.
 */
export function sandboxConfigData() {
  const sandbox = readSandbox();
  // integration-aws-node has no STS endpoint setting; the SDK reads this
  process.env.AWS_ENDPOINT_URL_STS = sandbox.aws.endpoint;
  const environment = (name: 'dev' | 'prod', restricted: boolean) => ({
    name: name as string,
    title: name === 'dev' ? 'Development' : 'Production',
    restricted,
    aws: {
      accountId: SANDBOX_ACCOUNTS[name],
      region: sandbox.aws.region,
      endpoint: sandbox.aws.endpoint,
    },
    kubernetes: {
      name: name as string,
      url: sandbox.clusters[name].server,
      caFile: sandbox.clusters[name].caFile,
      auth: { type: 'serviceAccountToken', token: SANDBOX_TOKENS.backend },
    },
  });
  return {
    aws: {
      mainAccount: { ...SANDBOX_MAIN_CREDENTIALS },
      accounts: Object.values(SANDBOX_ACCOUNTS).map(accountId => ({
        accountId,
        roleName: 'secrets-sync-backend',
      })),
    },
    secretsSync: {
      restrictedWriters: ['group:default/platform-team'],
      pendingGracePeriod: { seconds: 120 },
      environments: [environment('dev', false), environment('prod', true)],
    },
  };
}

/** {@link sandboxConfigData} as a Config. */
export function sandboxConfig() {
  return new ConfigReader(sandboxConfigData());
}

/** A name no other test run uses, for namespaces and tenant keys. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random()
    .toString(36)
    .slice(2, 7)}`;
}

/**
 * The dev environment's cluster and the cache settings (defaults applied),
 * read from {@link sandboxConfig} the way the plugin reads its config.
 */
export function sandboxDevCluster(): {
  cluster: ClusterConfig;
  cache: CacheConfig['kubernetes'];
} {
  const config = readSecretsSyncConfig(sandboxConfig());
  const dev = config.environments.find(env => env.name === 'dev')!;
  return {
    cluster: { ...dev.kubernetes, aws: dev.aws },
    cache: config.cache.kubernetes,
  };
}
