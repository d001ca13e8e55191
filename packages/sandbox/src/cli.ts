import fs from 'node:fs';
import path from 'node:path';
import {
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

const manifestsDir = path.join(SANDBOX_DIR, 'kube');

/**
 * Second half of `sandbox.sh start`, once the servers answer: records where
 * they listen, installs CRDs and RBAC, writes client configs, seeds the demo.
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
    const crds = path.join(manifestsDir, 'crds.yaml');
    await applyManifests(admin, crds);
    await applyManifests(admin, path.join(manifestsDir, 'rbac.yaml'));
    await waitForCrds(admin, crds);
  }
  writeClientConfigs(clusters, info.aws.endpoint);
  await seedDemo();
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
