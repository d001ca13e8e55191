import { randomBytes } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { awsClientConfigFor } from '../aws';
import { readSandbox, SANDBOX_ACCOUNTS } from '../sandboxInfo';

/**
 * The emulator the conformance suite runs against: the local stack's moto,
 * or the one `CONFORMANCE_AWS_ENDPOINT` names (to show what a plain moto,
 * or another emulator, gets wrong before it is adopted).
 */
export function conformanceEndpoint(): string {
  return process.env.CONFORMANCE_AWS_ENDPOINT || readSandbox().aws.endpoint;
}

/** A prefix no other run (or test) uses, so listings see only this test's secrets. */
export function uniquePrefix(what: string): string {
  return `conformance/${what}-${randomBytes(4).toString('hex')}`;
}

/** A ClientRequestToken of the documented 32-64 characters. */
export function requestToken(): string {
  return randomBytes(16).toString('hex');
}

/** Clients acting in one account through an assumed role, as the product's are. */
export interface AccountClients {
  accountId: string;
  sm: SecretsManagerClient;
  sts: STSClient;
  /** The versions labelled `stage` (AWSCURRENT when omitted): one, where AWS is followed. */
  versionWith(secretId: string, stage?: string): Promise<string[]>;
  /** The labels of each version that has any. */
  stages(secretId: string): Promise<Record<string, string[]>>;
  /** GetSecretValue as a client that names no stage or version reads it. */
  readDefault(
    secretId: string,
  ): Promise<{ versionId?: string; value?: string; stages?: string[] }>;
  destroy(): void;
}

/**
 * Clients in an account of the local stack, with credentials from STS
 * AssumeRole of `arn:aws:iam::<account>:role/<role>` on the emulator.
 */
export async function clientsFor(
  account: keyof typeof SANDBOX_ACCOUNTS,
  roleName = 'secrets-sync-backend',
): Promise<AccountClients> {
  const accountId = SANDBOX_ACCOUNTS[account];
  const config = await awsClientConfigFor(
    accountId,
    roleName,
    conformanceEndpoint(),
  );
  const sm = new SecretsManagerClient(config);
  const sts = new STSClient(config);
  const stages = async (secretId: string) => {
    const { VersionIdsToStages = {} } = await sm.send(
      new DescribeSecretCommand({ SecretId: secretId }),
    );
    // AWS lists only versions with a label; an emulator may list the rest
    return Object.fromEntries(
      Object.entries(VersionIdsToStages).filter(([, s]) => s.length > 0),
    );
  };
  return {
    accountId,
    sm,
    sts,
    stages,
    async versionWith(secretId, stage = 'AWSCURRENT') {
      return Object.entries(await stages(secretId))
        .filter(([, labels]) => labels.includes(stage))
        .map(([id]) => id);
    },
    async readDefault(secretId) {
      const out = await sm.send(
        new GetSecretValueCommand({ SecretId: secretId }),
      );
      return {
        versionId: out.VersionId,
        value: out.SecretString,
        stages: out.VersionStages,
      };
    },
    destroy() {
      sm.destroy();
      sts.destroy();
    },
  };
}

/** The error's name (`ResourceExistsException`), or `resolved` when the call did not fail. */
export async function errorName(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    return (error as Error).name;
  }
}
