import fs from 'node:fs';
import path from 'node:path';
import { kubeConfigYaml } from '../kube';
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_REGION,
  SANDBOX_STATE_DIR,
  SandboxCluster,
  SandboxIdentity,
} from '../sandboxInfo';
import { SANDBOX_MAIN_CREDENTIALS } from '../aws';

/**
 * Writes kubeconfig files per cluster and identity, and an AWS shared
 * config whose profiles assume each account's roles, so that processes
 * such as the operator use the standard credential chains unchanged.
 */
export function writeClientConfigs(clusters: SandboxCluster[]): void {
  const identities: SandboxIdentity[] = [
    'admin',
    'backend',
    'operator',
    'readonly',
  ];
  for (const cluster of clusters) {
    for (const identity of identities) {
      fs.writeFileSync(
        path.join(SANDBOX_STATE_DIR, cluster, `${identity}.kubeconfig`),
        kubeConfigYaml(cluster, identity),
        { mode: 0o600 },
      );
    }
  }

  const awsDir = path.join(SANDBOX_STATE_DIR, 'aws');
  fs.mkdirSync(awsDir, { recursive: true });
  fs.writeFileSync(
    path.join(awsDir, 'credentials'),
    [
      '[sandbox]',
      `aws_access_key_id = ${SANDBOX_MAIN_CREDENTIALS.accessKeyId}`,
      `aws_secret_access_key = ${SANDBOX_MAIN_CREDENTIALS.secretAccessKey}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const profiles = Object.entries(SANDBOX_ACCOUNTS).flatMap(
    ([name, accountId]) =>
      ['backend', 'operator'].map(role =>
        [
          `[profile ${name}-${role}]`,
          `role_arn = arn:aws:iam::${accountId}:role/secrets-sync-${role}`,
          'source_profile = sandbox',
          `region = ${SANDBOX_REGION}`,
          '',
        ].join('\n'),
      ),
  );
  fs.writeFileSync(
    path.join(awsDir, 'config'),
    [`[profile sandbox]\nregion = ${SANDBOX_REGION}\n`, ...profiles].join('\n'),
  );
}
