import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
  readSandbox,
} from '@internal/sandbox';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';

/*
 * Test helpers for the External Secrets Operator the local stack runs on its
 * dev cluster (`sandbox.sh start-eso`): its ClusterSecretStore, the objects
 * a test creates for it, and waits for what the controller writes back.
 */

export const ESO_GROUP = 'external-secrets.io';

/** The stack's ClusterSecretStore reaching the dev account (seedExternalSecretStores). */
export const DEV_STORE = `aws-${SANDBOX_ACCOUNTS.dev}`;

/** The controller class of the stack's ESO, for stores a test makes for it. */
export const ESO_CONTROLLER_CLASS = 'secrets-sync-sandbox';

/** A raw ExternalSecret as the API server returns it. */
export interface RawExternalSecret {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    resourceVersion?: string;
  };
  status?: {
    refreshTime?: string | null;
    syncedResourceVersion?: string;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
  };
}

/** Fails at once, saying how, when the stack's ESO does not run on dev. */
export function assertEsoRunning(): void {
  const pidFile = path.join(
    readSandbox().stateDir,
    'dev',
    'external-secrets.pid',
  );
  const pid = fs.existsSync(pidFile)
    ? Number(fs.readFileSync(pidFile, 'utf8').trim())
    : 0;
  try {
    process.kill(pid, 0);
    if (pid > 0) {
      return;
    }
  } catch {
    // not running: said below
  }
  throw new Error(
    'The External Secrets Operator does not run on the dev cluster: run bash packages/sandbox/scripts/sandbox.sh start-eso dev',
  );
}

/** Polls until `probe` returns a value, or fails naming what it waited for. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** Admin clients of the dev cluster and the dev account. */
export function devClients() {
  const admin = kubeConfigFor('dev', 'admin');
  return {
    core: admin.makeApiClient(CoreV1Api),
    custom: admin.makeApiClient(CustomObjectsApi),
    aws: async () =>
      new SecretsManagerClient(await awsClientConfigFor(SANDBOX_ACCOUNTS.dev)),
  };
}

/** Creates an AWS secret with a JSON document; returns its ARN and version. */
export async function createAwsSecret(
  name: string,
  document: Record<string, string>,
): Promise<{ arn: string; versionId: string }> {
  const client = await devClients().aws();
  const created = await client.send(
    new CreateSecretCommand({
      Name: name,
      SecretString: JSON.stringify(document),
    }),
  );
  return { arn: created.ARN!, versionId: created.VersionId! };
}

/** Writes a new current version of an AWS secret. */
export async function putAwsSecret(
  name: string,
  document: Record<string, string>,
): Promise<void> {
  const client = await devClients().aws();
  await client.send(
    new PutSecretValueCommand({
      SecretId: name,
      SecretString: JSON.stringify(document),
    }),
  );
}

/** Reads an ExternalSecret as ESO left it. */
export async function readExternalSecret(
  namespace: string,
  name: string,
): Promise<RawExternalSecret> {
  return (await devClients().custom.getNamespacedCustomObject({
    group: ESO_GROUP,
    version: 'v1',
    namespace,
    plural: 'externalsecrets',
    name,
  })) as RawExternalSecret;
}

/** Waits until ESO's `Ready` condition of an ExternalSecret has this status. */
export async function waitForReady(
  namespace: string,
  name: string,
  status: 'True' | 'False',
): Promise<RawExternalSecret> {
  return waitFor(
    `ExternalSecret ${namespace}/${name} Ready=${status}`,
    async () => {
      const object = await readExternalSecret(namespace, name);
      return object.status?.conditions?.some(
        condition => condition.type === 'Ready' && condition.status === status,
      )
        ? object
        : undefined;
    },
  );
}

/** The values of a Secret ESO wrote, or undefined while it does not exist. */
export async function secretValues(
  namespace: string,
  name: string,
): Promise<Record<string, string> | undefined> {
  try {
    const secret = await devClients().core.readNamespacedSecret({
      name,
      namespace,
    });
    return Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value, 'base64').toString('utf8'),
      ]),
    );
  } catch {
    return undefined;
  }
}
