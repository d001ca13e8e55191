import fs from 'node:fs';
import path from 'node:path';

/** The clusters of the local stack. @public */
export type SandboxCluster = 'dev' | 'prod';

/** The identities with a static bearer token on each cluster. @public */
export type SandboxIdentity =
  | 'admin'
  | 'backend'
  | 'operator'
  | 'readonly'
  | 'external-secrets';

/**
 * AWS account ids of the local stack: `dev` is a non-prod account, `prod`
 * a restricted one.
 *
 * @public
 */
export const SANDBOX_ACCOUNTS = Object.freeze({
  dev: '111111111111',
  prod: '222222222222',
});

/** Region every local environment uses. @public */
export const SANDBOX_REGION = 'us-east-1';

/** @public */
export const SANDBOX_TOKENS: Readonly<Record<SandboxIdentity, string>> =
  Object.freeze({
    admin: 'sandbox-admin-token',
    backend: 'sandbox-backend-token',
    operator: 'sandbox-operator-token',
    readonly: 'sandbox-readonly-token',
    'external-secrets': 'sandbox-external-secrets-token',
  });

/**
 * Where the servers of a running local stack listen.
 *
 * @public
 */
export interface SandboxInfo {
  stateDir: string;
  aws: { endpoint: string; region: string };
  clusters: Record<SandboxCluster, { server: string; caFile: string }>;
}

/** The sandbox package's folder, wherever the caller runs from. @public */
export const SANDBOX_DIR = path.dirname(
  require.resolve('@internal/sandbox/package.json'),
);

/**
 * Folder holding pids, logs, certificates and generated client configs:
 * `SANDBOX_STATE_DIR` when set (a private stack of `sandbox.sh`'s own, for
 * tests that restart its servers), else `packages/sandbox/.state`.
 *
 * @public
 */
export const SANDBOX_STATE_DIR =
  process.env.SANDBOX_STATE_DIR || path.join(SANDBOX_DIR, '.state');

/**
 * Reads the connection facts of the running local stack.
 *
 * @throws when the stack is not running, saying how to start it.
 * @public
 */
export function readSandbox(): SandboxInfo {
  const file = path.join(SANDBOX_STATE_DIR, 'sandbox.json');
  if (!fs.existsSync(file)) {
    throw new Error(
      `The local stack is not running (no ${file}): run yarn sandbox:start`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxInfo;
}
