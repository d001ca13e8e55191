import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { NamespaceAnnotationContract } from '@internal/plugin-secrets-sync-common';
import type { SandboxCluster } from '@internal/sandbox';

const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The flags that put an operator process on a given contract. */
export function contractFlags(contract: NamespaceAnnotationContract): string[] {
  return [
    `--namespace-template=${contract.namespaceTemplate}`,
    `--aws-key-template=${contract.awsKeyTemplate}`,
    `--opt-in-annotation=${contract.optInAnnotation}`,
    `--enabled-value=${contract.enabledValue}`,
    `--force-sync-annotation=${contract.forceSyncAnnotation}`,
    `--secret-name=${contract.secretName}`,
    `--owner-labels=${Object.entries(contract.ownerLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`,
  ];
}

/** An operator running as its own process, started the way `start:local` starts it. */
export interface OperatorProcess {
  child: ChildProcess;
  healthPort: number;
  output: string[];
  metrics(): Promise<string>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `scripts/start-local.sh <cluster>` with extra flags (later flags
 * win over the script's own).
 */
export async function spawnOperator(options: {
  cluster: SandboxCluster;
  flags: string[];
}): Promise<OperatorProcess> {
  const healthPort = await freePort();
  const output: string[] = [];
  const child = spawn(
    'bash',
    [
      path.join(PACKAGE_DIR, 'scripts', 'start-local.sh'),
      options.cluster,
      `--health-port=${healthPort}`,
      ...options.flags,
    ],
    { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', chunk => output.push(String(chunk)));
  child.stderr!.on('data', chunk => output.push(String(chunk)));
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  return {
    child,
    healthPort,
    output,
    metrics: async () =>
      (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text(),
    kill: async signal => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}

/** Reads one sample of a Prometheus text exposition. */
export function metricValue(text: string, sample: string): number | undefined {
  const line = text.split('\n').find(l => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}
