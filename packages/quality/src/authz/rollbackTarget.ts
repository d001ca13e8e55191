import {
  DescribeSecretCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as CONTRACT } from '@internal/plugin-secrets-sync-common';
import {
  awsClientConfigFor,
  SANDBOX_ACCOUNTS,
  SandboxCluster,
} from '@internal/sandbox';

/**
 * The version every rollback row asks for: a version id is the
 * ClientRequestToken of the put that made it, so the matrix names it before
 * the secret exists.
 */
export const ROLLBACK_TARGET = '00000000-0000-4000-8000-00000000a117';

async function withClient<T>(
  cluster: SandboxCluster,
  run: (aws: SecretsManagerClient, secretId: string) => Promise<T>,
  tenantKey: string,
): Promise<T | '(no secret)'> {
  const aws = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS[cluster]),
  );
  try {
    return await run(
      aws,
      CONTRACT.awsKeyTemplate.replace('{tenant}', tenantKey),
    );
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return '(no secret)';
    }
    throw error;
  } finally {
    aws.destroy();
  }
}

const currentOf = async (aws: SecretsManagerClient, secretId: string) => {
  const { VersionIdsToStages = {} } = await aws.send(
    new DescribeSecretCommand({ SecretId: secretId }),
  );
  return Object.entries(VersionIdsToStages).find(([, stages]) =>
    stages.includes('AWSCURRENT'),
  )?.[0];
};

/**
 * Puts the tenant's existing secret in a state a rollback to
 * {@link ROLLBACK_TARGET} changes: the target exists and is not current.
 * A secret that does not exist is left alone (a trust row's key must stay
 * vacant).
 */
export async function prepareRollbackTarget(
  cluster: SandboxCluster,
  tenantKey: string,
): Promise<void> {
  await withClient(
    cluster,
    async (aws, secretId) => {
      const put = (token?: string) =>
        aws.send(
          new PutSecretValueCommand({
            SecretId: secretId,
            SecretString: JSON.stringify({ ROLLBACK_ROW: 'target' }),
            ...(token ? { ClientRequestToken: token } : {}),
          }),
        );
      await put(ROLLBACK_TARGET);
      if ((await currentOf(aws, secretId)) === ROLLBACK_TARGET) {
        await put();
      }
    },
    tenantKey,
  );
}

/** The version AWSCURRENT is on: what a rollback changes. */
export async function currentVersionOf(
  cluster: SandboxCluster,
  tenantKey: string,
): Promise<string | undefined> {
  return withClient(cluster, currentOf, tenantKey);
}
