import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { UpstreamErrorKind, UpstreamReadError, UpstreamSource } from './types';
import {
  InvalidUpstreamDocumentError,
  parseSecretDocument,
} from './parseSecretDocument';

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'CredentialsProviderError',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'TimeoutError',
]);

/**
 * Builds the Secrets Manager client from the standard AWS SDK v3 chain:
 * region and credentials from the environment, shared config, IRSA or Pod
 * Identity; the endpoint override only for local emulators.
 *
 * @public
 */
export function createSecretsManagerClient(options: {
  region?: string;
  endpoint?: string;
}): SecretsManagerClient {
  return new SecretsManagerClient({
    region: options.region,
    endpoint: options.endpoint,
    maxAttempts: 3,
  });
}

/**
 * Reads tenant documents from AWS Secrets Manager. A secret that does not
 * exist, or is scheduled for deletion, is `missing` (seed 001: lazy creation,
 * "no upstream data yet" is normal).
 *
 * @public
 */
export function createSecretsManagerSource(
  client: Pick<SecretsManagerClient, 'send'>,
): UpstreamSource {
  return {
    async read(key) {
      let secretString: string | undefined;
      try {
        const output = await client.send(
          new GetSecretValueCommand({ SecretId: key }),
        );
        secretString = output.SecretString;
      } catch (error) {
        if (isMissing(error)) {
          return { state: 'missing' };
        }
        throw classify(key, error);
      }
      try {
        return { state: 'present', data: parseSecretDocument(secretString) };
      } catch (error) {
        if (error instanceof InvalidUpstreamDocumentError) {
          throw new UpstreamReadError(
            'invalid-document',
            `AWS secret ${key} cannot be synced: ${error.message}`,
          );
        }
        throw error;
      }
    },
  };
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) {
    return 'UnknownError';
  }
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return code;
  }
  return typeof name === 'string' ? name : 'UnknownError';
}

function isMissing(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'ResourceNotFoundException') {
    return true;
  }
  // AWS answers InvalidRequestException for a secret scheduled for deletion:
  // the tenant removed it, so the Secret should go too.
  return (
    name === 'InvalidRequestException' &&
    /marked for deletion/i.test((error as Error).message ?? '')
  );
}

function classify(key: string, error: unknown): UpstreamReadError {
  const name = errorName(error);
  let kind: UpstreamErrorKind = 'aws-error';
  if (THROTTLING.has(name)) {
    kind = 'throttled';
  } else if (DENIED.has(name)) {
    kind = 'access-denied';
  } else if (UNREACHABLE.has(name)) {
    kind = 'unreachable';
  }
  return new UpstreamReadError(
    kind,
    `reading AWS secret ${key} failed: ${kind} (${name})`,
  );
}
