import fs from 'node:fs';
import path from 'node:path';
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_DIR,
  SANDBOX_REGION,
  SANDBOX_STATE_DIR,
  SandboxCluster,
  SandboxInfo,
} from './sandboxInfo';
import { kubeConfigFor } from './kube';
import { applyManifests, waitForCrds } from './setup/applyManifests';
import { writeClientConfigs } from './setup/writeClientConfigs';
import { seedDemo } from './setup/seedDemo';
import { crdFiles } from './setup/crdFiles';
import { seedExternalSecretStores } from './setup/seedExternalSecretStores';
import { seedClusterExternalSecretDemo } from './setup/seedClusterExternalSecretDemo';
import { seedExternalSecretDemo } from './setup/seedExternalSecretDemo';
import { seedPushSecretDemo } from './setup/seedPushSecretDemo';
import { seedSyncedSecretDemo } from './setup/seedSyncedSecretDemo';

const manifestsDir = path.join(SANDBOX_DIR, 'kube');

/**
 * Second half of `sandbox.sh start`, once the servers answer: records where
 * they listen, installs CRDs and RBAC, the External Secrets Operator's
 * stores, writes client configs, seeds the demo. Idempotent: `restart-aws`
 * runs it again to reseed a fresh emulator.
 */
async function setup(ports: { aws: number; dev: number; prod: number }) {
  const clusters: SandboxCluster[] = ['dev', 'prod'];
  const info: SandboxInfo = {
    stateDir: SANDBOX_STATE_DIR,
    aws: { endpoint: `http://127.0.0.1:${ports.aws}`, region: SANDBOX_REGION },
    clusters: {
      dev: {
        server: `https://127.0.0.1:${ports.dev}`,
        caFile: path.join(SANDBOX_STATE_DIR, 'dev', 'ca.crt'),
      },
      prod: {
        server: `https://127.0.0.1:${ports.prod}`,
        caFile: path.join(SANDBOX_STATE_DIR, 'prod', 'ca.crt'),
      },
    },
  };
  fs.writeFileSync(
    path.join(SANDBOX_STATE_DIR, 'sandbox.json'),
    `${JSON.stringify(info, null, 2)}\n`,
  );
  for (const cluster of clusters) {
    const admin = kubeConfigFor(cluster, 'admin');
    const crds = crdFiles();
    for (const file of crds) {
      await applyManifests(admin, file);
    }
    await applyManifests(admin, path.join(manifestsDir, 'rbac.yaml'));
    for (const file of crds) {
      await waitForCrds(admin, file);
    }
    await seedExternalSecretStores(admin, SANDBOX_ACCOUNTS[cluster]);
  }
  writeClientConfigs(clusters, info.aws.endpoint);
  await seedDemo();
  // the demo's external-secret environment, for the stack's ESO to pull
  await seedExternalSecretDemo();
  // the demo's synced-secret and push-secret environments
  await seedSyncedSecretDemo();
  await seedPushSecretDemo();
  // the demo's shared secret, fanned out by a ClusterExternalSecret
  await seedClusterExternalSecretDemo();
}

const [, , awsPort, devPort, prodPort] = process.argv;
setup({
  aws: Number(awsPort),
  dev: Number(devPort),
  prod: Number(prodPort),
}).catch(error => {
  process.stderr.write(`sandbox setup failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
