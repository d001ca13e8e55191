import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SANDBOX_DIR } from '../sandboxInfo';

const run = promisify(execFile);
const SOURCE_DIR = path.join(SANDBOX_DIR, 'gosdk-check');
const SOURCES = ['go.mod', 'go.sum', 'main.go'];

/** What `gosdk-check` prints: who it acted as and the version it read. */
export interface GoSdkReport {
  account: string;
  arn: string;
  versionId: string;
  versionStages: string[];
}

/** `go` on PATH, or where Go's official tarball installs it. */
function goBinary(): string {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map(dir => path.join(dir, 'go'))
    .find(candidate => fs.existsSync(candidate));
  return onPath ?? '/usr/local/go/bin/go';
}

/**
 * Builds `packages/sandbox/gosdk-check` (aws-sdk-go-v2 from the Go module
 * proxy) unless a build of the same sources is cached under
 * `~/.cache/secrets-sync` (or `SECRETS_SYNC_CACHE`), and returns its path.
 */
export async function buildGoSdkCheck(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of SOURCES) {
    hash
      .update(`${file}\n`)
      .update(fs.readFileSync(path.join(SOURCE_DIR, file)));
  }
  const cacheDir =
    process.env.SECRETS_SYNC_CACHE ??
    path.join(os.homedir(), '.cache', 'secrets-sync');
  const binary = path.join(
    cacheDir,
    `gosdk-check-${hash.digest('hex').slice(0, 16)}`,
  );
  if (fs.existsSync(binary)) {
    return binary;
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  // built beside and renamed: a concurrent run never sees half a binary
  const partial = `${binary}.${process.pid}.partial`;
  await run(goBinary(), ['build', '-trimpath', '-o', partial, '.'], {
    cwd: SOURCE_DIR,
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' },
    maxBuffer: 1 << 22,
  });
  fs.renameSync(partial, binary);
  return binary;
}

/**
 * Runs the Go client with nothing but a shared-config profile: no
 * `AWS_ENDPOINT_URL*`, no keys in the environment, so the endpoints and
 * the role can come only from the profile.
 */
export async function runGoSdkCheck(options: {
  binary: string;
  configFile: string;
  credentialsFile: string;
  profile: string;
  secretId: string;
}): Promise<GoSdkReport> {
  const { stdout } = await run(options.binary, [options.secretId], {
    env: {
      PATH: '/usr/bin:/bin',
      HOME: os.tmpdir(),
      AWS_CONFIG_FILE: options.configFile,
      AWS_SHARED_CREDENTIALS_FILE: options.credentialsFile,
      AWS_PROFILE: options.profile,
      // no instance metadata service here: fail fast instead of probing it
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as GoSdkReport;
}
