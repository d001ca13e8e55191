import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { awsClientConfigFor } from './aws';
import { SANDBOX_DIR } from './sandboxInfo';
import { freePort } from './lib/freePort';

const python = path.join(SANDBOX_DIR, '.venv', 'bin', 'python');
const launcher = path.join(SANDBOX_DIR, 'moto', 'sandbox_moto.py');

/**
 * A moto of the caller's own, started through the sandbox's launcher (so
 * with the same Secrets Manager corrections as the stack's), for tests that
 * must restart AWS: restarting the shared moto would empty it under every
 * test running beside them.
 *
 * @public
 */
export interface PrivateAws {
  endpoint: string;
  /** Client configuration acting in an account, through STS AssumeRole. */
  clientConfigFor(
    accountId: string,
    roleName?: string,
  ): ReturnType<typeof awsClientConfigFor>;
  /**
   * Stops moto and starts it again on the same port, as the sandbox's
   * `restart-aws` does: everything it held is gone; credentials it issued
   * before keep acting in their account (moto/sts_fixes.py), unless
   * started with `plainAccounts`.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      break;
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`moto did not answer on ${endpoint}: ${output()}`);
}

/** How a private moto differs from the stack's. @public */
export interface PrivateAwsOptions {
  /**
   * Leave moto's own account mapping: credentials issued before a restart
   * act in its default account, 123456789012, afterwards. For tests of
   * clients that must survive credentials acting in an unexpected account.
   */
  plainAccounts?: boolean;
}

/**
 * Starts a {@link PrivateAws} on a free port (about a second; needs the
 * venv `sandbox.sh start` creates).
 *
 * @public
 */
export async function startPrivateAws(
  options: PrivateAwsOptions = {},
): Promise<PrivateAws> {
  if (!fs.existsSync(python)) {
    throw new Error(
      `${python} is missing: run yarn sandbox:start once to install moto`,
    );
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const stopChild = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode) {
      return;
    }
    const exited = new Promise(resolve => running.once('exit', resolve));
    running.kill('SIGTERM');
    const killer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const startChild = async () => {
    output = '';
    const started = spawn(
      python,
      [launcher, '-H', '127.0.0.1', '-p', String(port)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          SANDBOX_MOTO_PLAIN_ACCOUNTS: options.plainAccounts ? '1' : '0',
        },
      },
    );
    started.stderr!.on('data', chunk => {
      output = (output + String(chunk)).slice(-2000);
    });
    child = started;
    try {
      await waitUntilAnswering(endpoint, started, () => output);
    } catch (error) {
      await stopChild();
      throw error;
    }
  };

  await startChild();
  return {
    endpoint,
    clientConfigFor: (accountId, roleName) =>
      awsClientConfigFor(accountId, roleName, endpoint),
    restart: async () => {
      await stopChild();
      await startChild();
    },
    stop: stopChild,
  };
}
