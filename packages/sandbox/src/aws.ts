import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { readSandbox, SANDBOX_REGION } from './sandboxInfo';

/**
 * Static credentials moto accepts as the main account's. Not frozen: the
 * AWS SDK annotates the credentials objects it is given.
 *
 * @public
 */
export const SANDBOX_MAIN_CREDENTIALS = {
  accessKeyId: 'sandbox',
  secretAccessKey: 'sandbox',
};

/**
 * Client configuration acting in one AWS account of the local stack, with
 * credentials from a real STS AssumeRole against moto, the same path the
 * backend takes through `@backstage/integration-aws-node`.
 *
 * @param endpoint - another emulator to assume the role in (the
 *   conformance suite runs against a plain moto this way); the stack's
 *   moto by default.
 * @public
 */
export async function awsClientConfigFor(
  accountId: string,
  roleName = 'secrets-sync-backend',
  endpoint?: string,
) {
  // An emulator named by the caller needs no running stack (a private moto).
  const target = endpoint
    ? { region: SANDBOX_REGION, endpoint }
    : readSandbox().aws;
  const sts = new STSClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: { ...SANDBOX_MAIN_CREDENTIALS },
  });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      RoleSessionName: 'sandbox',
    }),
  );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
    throw new Error(`STS returned no credentials for account ${accountId}`);
  }
  return {
    endpoint: target.endpoint,
    region: target.region,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    },
  };
}

/**
 * Forgets everything moto holds, in every account.
 *
 * @public
 */
export async function resetAws(): Promise<void> {
  const response = await fetch(
    `${readSandbox().aws.endpoint}/moto-api/reset`,
    { method: 'POST' },
  );
  if (!response.ok) {
    throw new Error(`moto reset failed: ${response.status}`);
  }
}
