import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSandbox } from '@internal/sandbox';
import { backendConfigData } from '../harness/backendConfig';
import { tenantComponent, uniqueName } from '../harness/entities';
import { createTenantNamespace } from '../harness/kubeFixtures';
import { startSecretsSyncBackend } from '../harness/startBackend';
import { formatTable } from '../report/formatTable';
import { OPENAPI_FILE, tallyRequests } from './routeTally';

const PACKAGE_DIR = path.dirname(
  require.resolve('@internal/quality/package.json'),
);
const SCHEMATHESIS = path.join(PACKAGE_DIR, '.venv', 'bin', 'schemathesis');
const RESULTS_FILE = path.join(PACKAGE_DIR, 'schemathesis-results.json');
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 100);
const SEED = Number(process.env.SCHEMATHESIS_SEED ?? 7);

/**
 * Dictionaries steer part of the generated path parameters to entities and
 * environments that exist, so that generated bodies reach the handlers and
 * the real AWS and Kubernetes calls behind them instead of stopping at 404.
 * The entities are this run's own, never the demo's.
 */
function schemathesisConfig(names: string[]): string {
  const list = (values: string[]) =>
    `[${values.map(value => JSON.stringify(value)).join(', ')}]`;
  return [
    `seed = ${SEED}`,
    '[generation]',
    `max-examples = ${MAX_EXAMPLES}`,
    '[dictionaries.kinds]',
    `values = ${list(['component', 'Component'])}`,
    '[dictionaries.namespaces]',
    `values = ${list(['default'])}`,
    '[dictionaries.names]',
    `values = ${list(names)}`,
    '[dictionaries.environments]',
    `values = ${list(['dev', 'prod'])}`,
    '[parameters]',
    '"path.kind" = { dictionary = "kinds", probability = 0.7 }',
    '"path.namespace" = { dictionary = "namespaces", probability = 0.7 }',
    '"path.name" = { dictionary = "names", probability = 0.7 }',
    '"path.environment" = { dictionary = "environments", probability = 0.7 }',
    '"body.environments[*]" = { dictionary = "environments", probability = 0.7 }',
    '',
  ].join('\n');
}

/** Distinct failed checks in schemathesis' JUnit report, by check code. */
function schemathesisFailures(workDir: string) {
  const byCheck = new Map<string, number>();
  for (const file of fs.readdirSync(workDir)) {
    if (file.endsWith('.xml')) {
      const xml = fs.readFileSync(path.join(workDir, file), 'utf8');
      for (const [, check] of xml.matchAll(/(ST\d+ [^\n&<]+)/g)) {
        byCheck.set(check.trim(), (byCheck.get(check.trim()) ?? 0) + 1);
      }
    }
  }
  return [...byCheck].map(([check, failures]) => ({ check, failures }));
}

async function run(command: string, args: string[], cwd: string) {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', code => resolve(code ?? 1));
  });
}

async function main() {
  readSandbox();
  if (!fs.existsSync(SCHEMATHESIS)) {
    throw new Error(
      `${SCHEMATHESIS} is missing: run yarn workspace @internal/quality schemathesis`,
    );
  }
  const tenant = uniqueName('fuzz');
  const entities = [
    tenantComponent({ name: tenant, environments: ['dev', 'prod'] }),
    tenantComponent({ name: `${tenant}-nons`, environments: ['dev', 'prod'] }),
  ];
  await createTenantNamespace('dev', tenant);
  await createTenantNamespace('prod', tenant, { optedIn: false });

  const backend = await startSecretsSyncBackend({
    config: backendConfigData(),
    entities,
  });
  const tally = tallyRequests(backend.server, '/api/secrets-sync');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemathesis-'));
  let exitCode: number;
  try {
    fs.writeFileSync(
      path.join(workDir, 'schemathesis.toml'),
      schemathesisConfig(entities.map(entity => entity.metadata.name)),
    );
    exitCode = await run(
      SCHEMATHESIS,
      [
        'run',
        OPENAPI_FILE,
        '--url',
        backend.baseUrl,
        '--workers',
        '1',
        '--checks',
        'all',
        '--no-color',
        '--continue-on-failure',
        '--report',
        'junit',
        '--report-dir',
        workDir,
      ],
      workDir,
    );
  } finally {
    await backend.stop();
  }

  const failures = schemathesisFailures(workDir);
  const counts = tally.counts();
  const serverErrors = counts.reduce((sum, count) => sum + count['5xx'], 0);
  const summary = {
    schemathesis: '4.32.5',
    seed: SEED,
    maxExamples: MAX_EXAMPLES,
    schemathesisExitCode: exitCode,
    schemathesisFailures: failures,
    requests: counts.reduce((sum, count) => sum + count.requests, 0),
    serverErrors,
    routes: counts,
  };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(
    `\nRequests the backend answered, by route (server side):\n${formatTable(
      counts.map(count => ({ ...count })),
    )}\n\nOther schemathesis findings (not server errors):\n${
      formatTable(failures) || '(none)'
    }\n\n5xx responses: ${serverErrors}; schemathesis exit code ${exitCode}; JSON in ${RESULTS_FILE}\n`,
  );
  if (summary.requests === 0) {
    process.stderr.write(
      'schemathesis sent no request: see its output above\n',
    );
  }
  process.exitCode = serverErrors > 0 || summary.requests === 0 ? 1 : 0;
}

main().then(
  // a backend that failed half-way through start-up keeps the process alive
  () => process.exit(),
  error => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
