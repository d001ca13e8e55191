/**
 * P4, propagation: a value written through the backend API, timed until the
 * Kubernetes Secret carries it, over N sequential writes on the local stack.
 *
 *   yarn workspace @internal/secrets-sync-operator bench:propagation [--writes 100]
 *
 * Uses the local stack's operator for the dev cluster when it answers on
 * :7101 (as the root run command starts it), else (or with `--operator own`)
 * starts one the same way (scripts/start-local.sh dev) for the run. The backend plugin runs in this
 * process against the same moto and kube-apiserver.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as CONTRACT,
  renderTemplate,
} from '@internal/plugin-secrets-sync-common';
import { kubeConfigFor, readSandbox } from '@internal/sandbox';
import { parseDuration } from '../src/config/parseDuration';
import { startBenchBackend } from './startBackend';
import { watchSecretKey } from './secretWatcher';
import { summarise } from './stats';

const STACK_OPERATOR_HEALTH = 'http://127.0.0.1:7101/readyz';
const OWN_OPERATOR_PORT = 7191;

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

async function until(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

async function ensureOperator(choice: string): Promise<{
  label: string;
  child?: ChildProcess;
}> {
  if (choice !== 'own' && (await ready(STACK_OPERATOR_HEALTH))) {
    return { label: "the local stack's operator (:7101)" };
  }
  const child = spawn(
    'bash',
    [
      path.resolve(__dirname, '..', 'scripts', 'start-local.sh'),
      'dev',
      `--health-port=${OWN_OPERATOR_PORT}`,
      '--log-level=warn',
      // Its own Lease: it must reconcile even while the stack's operator leads.
      '--lease-name=secrets-sync-operator-bench',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await until(
    'the operator to be ready',
    () => ready(`http://127.0.0.1:${OWN_OPERATOR_PORT}/readyz`),
    60_000,
  );
  return {
    label: `an operator started for this run (:${OWN_OPERATOR_PORT})`,
    child,
  };
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      writes: { type: 'string', default: '100' },
      timeout: { type: 'string', default: '15s' },
      interval: { type: 'string', default: '1s' },
      operator: { type: 'string', default: 'auto' },
    },
  });
  const writes = Number(args.writes);
  const timeoutMs = parseDuration(args.timeout!);
  const intervalMs = /^0+(ms|s)?$/.test(args.interval!)
    ? 0
    : parseDuration(args.interval!);
  readSandbox();

  const operator = await ensureOperator(args.operator!);
  const runId = randomBytes(3).toString('hex');
  const tenantKey = `bench-${runId}`;
  const namespace = renderTemplate(CONTRACT.namespaceTemplate, tenantKey);
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const forceSyncValue = async () =>
    (await core.readNamespace({ name: namespace })).metadata?.annotations?.[
      CONTRACT.forceSyncAnnotation
    ];
  await core.createNamespace({
    body: {
      metadata: {
        name: namespace,
        annotations: { [CONTRACT.optInAnnotation]: CONTRACT.enabledValue },
      },
    },
  });
  const backend = await startBenchBackend(tenantKey);
  const watcher = await watchSecretKey({
    kubeConfig: admin,
    namespace,
    name: CONTRACT.secretName,
    key: 'BENCH_VALUE',
  });

  const endToEnd: number[] = [];
  const apiOnly: number[] = [];
  let timedOut = 0;
  let sameSecondBumps = 0;
  try {
    for (let i = 1; i <= writes; i++) {
      const value = `${runId}-${i}`;
      const bumpBefore = await forceSyncValue();
      const started = performance.now();
      const response = await fetch(backend.valuesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          environments: ['dev'],
          set: { BENCH_VALUE: value },
        }),
      });
      const answered = performance.now();
      // The response never carries values, so it is safe to show.
      const body = await response.text();
      const outcome = response.ok
        ? (JSON.parse(body) as { results: Array<{ outcome: string }> })
            .results[0]?.outcome
        : undefined;
      if (outcome !== 'written') {
        throw new Error(`write ${i} answered ${response.status}: ${body}`);
      }
      const seen = await watcher.waitFor(value, timeoutMs);
      apiOnly.push(answered - started);
      if (seen === undefined) {
        timedOut += 1;
        const unchanged = (await forceSyncValue()) === bumpBefore;
        sameSecondBumps += unchanged ? 1 : 0;
        process.stderr.write(
          `write ${i}: not materialised within ${timeoutMs} ms${
            unchanged
              ? ': the force-sync annotation kept its value (bumped in the same second as before)'
              : ''
          }\n`,
        );
      } else {
        endToEnd.push(seen - started);
      }
      if (intervalMs > 0) {
        await new Promise(resolve => setTimeout(resolve, intervalMs));
      }
    }
  } finally {
    watcher.stop();
    await backend.stop();
    operator.child?.kill('SIGTERM');
  }

  const report = {
    benchmark:
      'P4 propagation: POST values (backend API) -> Secret carries the value',
    operator: operator.label,
    writes,
    intervalMs,
    materialised: endToEnd.length,
    timedOut,
    timedOutWithUnchangedForceSync: sameSecondBumps,
    endToEndMs: endToEnd.length ? summarise(endToEnd) : undefined,
    backendWriteMs: summarise(apiOnly),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (timedOut > 0) {
    process.exitCode = 1;
  }
}

main().catch(error => {
  process.stderr.write(
    `propagation benchmark failed: ${error?.message ?? error}\n`,
  );
  process.exit(1);
});
