import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { SANDBOX_DIR, SandboxIdentity } from './sandboxInfo';
import { KubeServer, kubeConfigForServer } from './kube';
import { freePort } from './lib/freePort';
import { applyManifests, waitForCrds } from './setup/applyManifests';
import { crdFiles } from './setup/crdFiles';

const startScript = path.join(SANDBOX_DIR, 'scripts', 'start-kube-apiserver.sh');
const manifestsDir = path.join(SANDBOX_DIR, 'kube');

/**
 * A kube-apiserver of the caller's own, with the sandbox's CRDs, RBAC and
 * static tokens, for tests that must disrupt the server itself: restarting
 * one of the shared clusters would break every test running beside them.
 *
 * @public
 */
export interface PrivateCluster extends KubeServer {
  kubeConfigFor(identity: SandboxIdentity): KubeConfig;
  /**
   * Stops the server and starts it again on the same port and state, as a
   * rolling upgrade of the control plane does: every watch is cut, nothing
   * stored is lost. Resolves once the new server is ready.
   */
  restart(): Promise<void>;
  /** Stops the server and removes its state. */
  stop(): Promise<void>;
}

const run = promisify(execFile);

async function startServer(stateDir: string, port: number): Promise<void> {
  await run('bash', [startScript, stateDir, String(port)], {
    maxBuffer: 1 << 20,
  });
}

async function stopServer(stateDir: string): Promise<void> {
  const pidFile = path.join(stateDir, 'kube-apiserver.pid');
  if (!fs.existsSync(pidFile)) {
    return;
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  fs.rmSync(pidFile);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) {
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive() && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  if (alive()) {
    process.kill(pid, 'SIGKILL');
  }
}

/**
 * Starts a {@link PrivateCluster} on a free port (a few seconds: the binary
 * is the one `sandbox.sh start` built and cached).
 *
 * @public
 */
export async function startPrivateCluster(
  name = 'private',
): Promise<PrivateCluster> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `sandbox-${name}-`));
  const port = await freePort();
  const server: KubeServer = {
    server: `https://127.0.0.1:${port}`,
    caFile: path.join(stateDir, 'ca.crt'),
  };
  const configFor = (identity: SandboxIdentity) =>
    kubeConfigForServer(name, server, identity);
  const stop = async () => {
    await stopServer(stateDir);
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    await startServer(stateDir, port);
    const admin = configFor('admin');
    const crds = crdFiles();
    for (const file of crds) {
      await applyManifests(admin, file);
    }
    await applyManifests(admin, path.join(manifestsDir, 'rbac.yaml'));
    for (const file of crds) {
      await waitForCrds(admin, file);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ...server,
    kubeConfigFor: configFor,
    restart: async () => {
      await stopServer(stateDir);
      await startServer(stateDir, port);
    },
    stop,
  };
}
