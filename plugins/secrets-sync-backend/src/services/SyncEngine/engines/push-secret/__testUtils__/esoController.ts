import { readSandbox } from '@internal/sandbox';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/*
 * The External Secrets Operator for a test: the one the stack runs on the
 * cluster (`sandbox.sh start-eso`, pid in .state/<cluster>/external-secrets.pid)
 * when it runs, since two controllers on one cluster fight over every
 * object; otherwise a controller of the test's own, from the same build and
 * script, stopped when the test ends.
 */

function running(pidFile: string): boolean {
  if (!fs.existsSync(pidFile)) {
    return false;
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  try {
    return pid > 0 && process.kill(pid, 0);
  } catch {
    return false;
  }
}

/** Makes sure an ESO controller reconciles `cluster`; returns how to stop one this started. */
export async function useEsoController(
  cluster: 'dev' | 'prod',
): Promise<{ stop: () => Promise<void> }> {
  const { stateDir } = readSandbox();
  if (running(path.join(stateDir, cluster, 'external-secrets.pid'))) {
    return { stop: async () => {} };
  }
  const script = path.resolve(
    stateDir,
    '..',
    'scripts',
    'start-external-secrets.sh',
  );
  const child: ChildProcess = spawn(
    'bash',
    [
      script,
      cluster,
      // ESO 0.16 binds only its metrics port (it has no health probe)
      '--metrics-addr',
      '127.0.0.1:0',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(`ESO did not start on ${cluster}: ${log.slice(-500)}`),
        ),
      60_000,
    );
    child.stderr!.on('data', chunk => {
      log += chunk.toString();
      // its workers start once the caches are listed
      if (/Starting workers/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', code => {
      clearTimeout(timer);
      reject(
        new Error(`ESO exited with ${code} on ${cluster}: ${log.slice(-500)}`),
      );
    });
  });
  return {
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
