import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as contract,
  nextForceSyncStamp,
  renderTemplate,
} from '@internal/plugin-secrets-sync-common';
import { awsClientConfigFor } from './aws';
import { freePort } from './lib/freePort';
import { SANDBOX_ACCOUNTS, SANDBOX_DIR } from './sandboxInfo';
import { accountStoreName } from './setup/seedExternalSecretStores';

const run = promisify(execFile);
const script = path.join(SANDBOX_DIR, 'scripts', 'sandbox.sh');

/** The demo's synced dev environment (setup/demoScenario.ts). */
const tenant = 'checkout-web';
const namespace = renderTemplate(contract.namespaceTemplate, tenant);
const awsKey = renderTemplate(contract.awsKeyTemplate, tenant);

/**
 * The stack's day-2 commands, run as a developer runs them, on a stack of
 * this test's own (its own state folder and ports), so that restarting AWS
 * and the operators does not pull the shared stack from under the tests
 * running beside this one.
 */
describe('sandbox.sh restart-aws and the operator commands', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-commands-'));
  let env: NodeJS.ProcessEnv;
  let awsEndpoint: string;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  /** Runs one command; a failure says which, with the end of its output. */
  async function sandbox(...args: string[]) {
    try {
      return await run('bash', [script, ...args], { env, timeout: 300_000 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as {
        stdout?: string;
        stderr?: string;
      };
      throw new Error(
        `sandbox.sh ${args.join(' ')} failed (${
          (error as Error).message.split('\n')[0]
        }); its output ends:\n${`${stdout}\n${stderr}`.slice(-3000)}`,
      );
    }
  }
  const pidOf = (file: string) =>
    Number(fs.readFileSync(path.join(stateDir, file), 'utf8').trim());
  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  async function secretData(): Promise<Record<string, string> | undefined> {
    try {
      const secret = await core.readNamespacedSecret({
        name: contract.secretName,
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

  function tailOf(file: string): string {
    return fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n')
      : `${file} does not exist`;
  }

  async function waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    timeoutMs = 60_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  beforeAll(async () => {
    const [aws, dev, prod, devOperator, prodOperator, devEso, prodEso] =
      await Promise.all(Array.from({ length: 7 }, freePort));
    awsEndpoint = `http://127.0.0.1:${aws}`;
    env = {
      ...process.env,
      SANDBOX_STATE_DIR: stateDir,
      SANDBOX_AWS_PORT: String(aws),
      SANDBOX_DEV_PORT: String(dev),
      SANDBOX_PROD_PORT: String(prod),
      SANDBOX_DEV_OPERATOR_PORT: String(devOperator),
      SANDBOX_PROD_OPERATOR_PORT: String(prodOperator),
      SANDBOX_DEV_ESO_PORT: String(devEso),
      SANDBOX_PROD_ESO_PORT: String(prodEso),
      SANDBOX_ESO_CLUSTERS: 'dev',
      // The test scripts point the SDK's STS calls at the shared stack's
      // moto; this stack's seeding and operators must use its own.
      AWS_ENDPOINT_URL_STS: awsEndpoint,
    };
    await sandbox('start');
    await sandbox('start-operators', 'dev');
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(path.join(stateDir, 'dev', 'admin.kubeconfig'));
    core = kubeConfig.makeApiClient(CoreV1Api);
    custom = kubeConfig.makeApiClient(CustomObjectsApi);
  }, 300_000);

  afterAll(async () => {
    await sandbox('stop').catch(() => undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }, 120_000);

  it('restart-aws reseeds the demo and the running operator syncs what is written afterwards', async () => {
    await waitFor('the demo Secret', async () =>
      (await secretData())?.SESSION_SECRET ? true : undefined,
    );
    const motoBefore = pidOf('moto.pid');
    const operatorBefore = pidOf('dev/operator.pid');
    const { uid } = (
      await core.readNamespacedSecret({ name: contract.secretName, namespace })
    ).metadata!;

    await sandbox('restart-aws');

    expect(pidOf('moto.pid')).not.toBe(motoBefore);
    const aws = new SecretsManagerClient(
      await awsClientConfigFor(SANDBOX_ACCOUNTS.dev, undefined, awsEndpoint),
    );
    await aws.send(
      new PutSecretValueCommand({
        SecretId: awsKey,
        SecretString: JSON.stringify({
          SESSION_SECRET: 'rotated-after-restart',
        }),
      }),
    );
    const { metadata } = await core.readNamespace({ name: namespace });
    await core.patchNamespace(
      {
        name: namespace,
        body: {
          metadata: {
            annotations: {
              [contract.forceSyncAnnotation]: nextForceSyncStamp(
                metadata?.annotations?.[contract.forceSyncAnnotation],
                new Date(),
              ),
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    // The operator started before the restart caches credentials moto
    // issued before it; the value reaches the same Secret through it.
    const data = await waitFor(
      'the value written after the restart',
      async () => {
        const current = await secretData();
        return current?.SESSION_SECRET === 'rotated-after-restart'
          ? current
          : undefined;
      },
    );
    expect(data).toEqual({ SESSION_SECRET: 'rotated-after-restart' });
    expect(pidOf('dev/operator.pid')).toBe(operatorBefore);
    expect(
      (
        await core.readNamespacedSecret({
          name: contract.secretName,
          namespace,
        })
      ).metadata?.uid,
    ).toBe(uid);
  }, 120_000);

  it('restart-operators replaces the operator, stop-operators stops it', async () => {
    const before = pidOf('dev/operator.pid');

    await sandbox('restart-operators', 'dev');

    const after = pidOf('dev/operator.pid');
    expect(after).not.toBe(before);
    expect(isAlive(before)).toBe(false);
    expect(isAlive(after)).toBe(true);

    await sandbox('stop-operators', 'dev');

    expect(isAlive(after)).toBe(false);
    expect(fs.existsSync(path.join(stateDir, 'dev', 'operator.pid'))).toBe(
      false,
    );
    const { stdout } = await sandbox('status');
    expect(stdout).toContain('dev/operator.pid: stopped');
  }, 120_000);

  it('start runs ESO on the clusters that use it, its store reaches this stack’s moto, and restart-eso and stop-eso act on its pid', async () => {
    const { stdout: started } = await sandbox('status');
    if (!/dev\/external-secrets\.pid: running/.test(started)) {
      // the stack's state (and ESO's log) goes with its temporary folder
      throw new Error(
        `ESO is not running on dev:\n${started}\nthe end of its log:\n${tailOf(
          path.join(stateDir, 'dev', 'external-secrets.log'),
        )}`,
      );
    }
    expect(started).toContain('prod/external-secrets.pid: stopped');
    const storeReady = async () => {
      const store = (await custom.getClusterCustomObject({
        group: 'external-secrets.io',
        version: 'v1',
        plural: 'clustersecretstores',
        name: accountStoreName(SANDBOX_ACCOUNTS.dev),
      })) as {
        status?: { conditions?: Array<{ type: string; status: string }> };
      };
      return store.status?.conditions?.some(
        condition => condition.type === 'Ready' && condition.status === 'True',
      )
        ? true
        : undefined;
    };
    // ESO validates the store by calling this stack's moto in the account
    await waitFor('the ClusterSecretStore to be Ready', storeReady);

    const before = pidOf('dev/external-secrets.pid');
    await sandbox('restart-eso', 'dev');
    const after = pidOf('dev/external-secrets.pid');
    expect(after).not.toBe(before);
    expect(isAlive(before)).toBe(false);
    expect(isAlive(after)).toBe(true);

    await sandbox('stop-eso');
    expect(isAlive(after)).toBe(false);
    const { stdout } = await sandbox('status');
    expect(stdout).toContain('dev/external-secrets.pid: stopped');
  }, 120_000);
});
