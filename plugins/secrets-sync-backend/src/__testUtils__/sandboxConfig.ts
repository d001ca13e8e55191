import { ConfigReader } from '@backstage/config';
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_MAIN_CREDENTIALS,
  SANDBOX_TOKENS,
  readSandbox,
} from '@internal/sandbox';

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
