import fs from 'node:fs';
import os from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import { readOperatorConfig } from './config/readOperatorConfig';
import { helpText } from './config/options';
import { createLogger } from './logger';
import { createOperator } from './createOperator';

const SERVICE_ACCOUNT_NAMESPACE =
  '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

function loadKubeConfig(path: string | undefined): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (path) {
    kubeConfig.loadFromFile(path);
  } else if (process.env.KUBERNETES_SERVICE_HOST) {
    kubeConfig.loadFromCluster();
  } else {
    kubeConfig.loadFromDefault();
  }
  return kubeConfig;
}

async function main(): Promise<void> {
  let result;
  try {
    result = readOperatorConfig({
      argv: process.argv.slice(2),
      env: process.env,
      runtime: {
        hostname: os.hostname(),
        inClusterNamespace: fs.existsSync(SERVICE_ACCOUNT_NAMESPACE)
          ? fs.readFileSync(SERVICE_ACCOUNT_NAMESPACE, 'utf8').trim()
          : undefined,
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nSee --help.\n`);
    process.exit(2);
  }
  if (result.kind === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  const { config } = result;
  const logger = createLogger({ level: config.logLevel });
  const operator = await createOperator({
    config,
    kubeConfig: loadKubeConfig(config.kubeconfig),
    logger,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('shutting down', { signal });
    operator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch(error => {
  process.stderr.write(
    `secrets-sync-operator failed to start: ${String(
      error?.message ?? error,
    )}\n`,
  );
  process.exit(1);
});
