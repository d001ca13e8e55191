import fs from 'node:fs';
import path from 'node:path';
import { kubeConfigYaml } from '../kube';
import {
  SANDBOX_ACCOUNTS,
  SANDBOX_TOKENS,
  SANDBOX_REGION,
  SANDBOX_STATE_DIR,
  SandboxCluster,
  SandboxIdentity,
} from '../sandboxInfo';
import { SANDBOX_MAIN_CREDENTIALS } from '../aws';

/** The shared-config `services` section every sandbox profile points at. */
const SERVICES_SECTION = 'sandbox-emulator';

/**
 * The AWS shared config of the local stack: a `sandbox` profile with the
 * main account's static keys (in the credentials file) and, per account, a
 * backend and an operator profile assuming that account's role.
 *
 * Every profile names a `services` section pointing STS and Secrets
 * Manager at the emulator. The JavaScript SDK also honours
 * `AWS_ENDPOINT_URL`, but the Go SDK v2 does not use it for the STS client
 * that assumes a profile's `role_arn` (it dials the real STS); the
 * `services` section (keys are the services' ids, `secrets_manager` with
 * an underscore) is honoured for that client too, by the JavaScript, Go
 * and Python SDKs alike, so a profile alone is enough for any of them.
 */
export function awsSharedConfig(awsEndpoint: string): string {
  const profile = (name: string, lines: string[]) =>
    [`[profile ${name}]`, ...lines, `services = ${SERVICES_SECTION}`, ''].join(
      '\n',
    );
  const roles = Object.entries(SANDBOX_ACCOUNTS).flatMap(([name, accountId]) =>
    ['backend', 'operator'].map(role =>
      profile(`${name}-${role}`, [
        `role_arn = arn:aws:iam::${accountId}:role/secrets-sync-${role}`,
        'source_profile = sandbox',
        `region = ${SANDBOX_REGION}`,
      ]),
    ),
  );
  const services = [
    `[services ${SERVICES_SECTION}]`,
    ...['sts', 'secrets_manager'].flatMap(service => [
      `${service} =`,
      `  endpoint_url = ${awsEndpoint}`,
    ]),
    '',
  ].join('\n');
  return [
    profile('sandbox', [`region = ${SANDBOX_REGION}`]),
    ...roles,
    services,
  ].join('\n');
}

/** The credentials file: the `sandbox` profile's static keys. */
export function awsSharedCredentials(): string {
  return [
    '[sandbox]',
    `aws_access_key_id = ${SANDBOX_MAIN_CREDENTIALS.accessKeyId}`,
    `aws_secret_access_key = ${SANDBOX_MAIN_CREDENTIALS.secretAccessKey}`,
    '',
  ].join('\n');
}

/**
 * Writes kubeconfig files per cluster and identity, and the AWS shared
 * config and credentials ({@link awsSharedConfig}), so that processes such
 * as the operator use the standard credential chains unchanged:
 * `AWS_CONFIG_FILE=.state/aws/config`,
 * `AWS_SHARED_CREDENTIALS_FILE=.state/aws/credentials`,
 * `AWS_PROFILE=<dev|prod>-<backend|operator>`.
 */
export function writeClientConfigs(
  clusters: SandboxCluster[],
  awsEndpoint: string,
): void {
  const identities = Object.keys(SANDBOX_TOKENS) as SandboxIdentity[];
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
  fs.writeFileSync(path.join(awsDir, 'credentials'), awsSharedCredentials(), {
    mode: 0o600,
  });
  fs.writeFileSync(path.join(awsDir, 'config'), awsSharedConfig(awsEndpoint));
}
