import {
  GetSecretValueCommand,
  InvalidRequestException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createSecretsManagerSource } from './createSecretsManagerSource';
import { UpstreamReadError } from './types';

const CANARY = 'canary-b41d-secret-value';
const sm = mockClient(SecretsManagerClient);
const source = createSecretsManagerSource(
  new SecretsManagerClient({ region: 'us-east-1' }),
);

function awsError(name: string, message = 'failed') {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

async function failure(promise: Promise<unknown>): Promise<UpstreamReadError> {
  try {
    await promise;
  } catch (error) {
    return error as UpstreamReadError;
  }
  throw new Error('expected a failure');
}

describe('createSecretsManagerSource', () => {
  beforeEach(() => sm.reset());

  it('reads the document at the key', async () => {
    sm.on(GetSecretValueCommand, {
      SecretId: 'sites/acme/build',
      VersionStage: 'AWSCURRENT',
    }).resolves({
      SecretString: JSON.stringify({ TOKEN: CANARY }),
    });
    await expect(source.read('sites/acme/build')).resolves.toEqual({
      state: 'present',
      data: { TOKEN: CANARY },
    });
  });

  it('treats a secret that does not exist as missing', async () => {
    sm.on(GetSecretValueCommand).rejects(
      new ResourceNotFoundException({ message: 'not found', $metadata: {} }),
    );
    await expect(source.read('sites/acme/build')).resolves.toEqual({
      state: 'missing',
    });
  });

  it.each([
    "You can't perform this operation on the secret because it was marked for deletion.",
    "You tried to perform the operation on a secret that's currently marked deleted.",
  ])(
    'reports a secret scheduled for deletion as an error, not as missing (%#)',
    async message => {
      sm.on(GetSecretValueCommand).rejects(
        new InvalidRequestException({ message, $metadata: {} }),
      );
      const error = await failure(source.read('sites/acme/build'));
      expect(error.kind).toBe('deletion-scheduled');
      expect(error.message).toBe(
        'AWS secret sites/acme/build is scheduled for deletion: the Secret is kept until it is restored or deleted for good',
      );
    },
  );

  it.each([
    ['ThrottlingException', 'throttled'],
    ['AccessDeniedException', 'access-denied'],
    ['InternalServiceError', 'aws-error'],
  ])('classifies %s as %s', async (name, kind) => {
    sm.on(GetSecretValueCommand).rejects(awsError(name));
    const error = await failure(source.read('sites/acme/build'));
    expect(error).toBeInstanceOf(UpstreamReadError);
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(
      `reading AWS secret sites/acme/build failed: ${kind} (${name})`,
    );
  });

  it('classifies a refused connection as unreachable', async () => {
    sm.on(GetSecretValueCommand).rejects(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), {
        code: 'ECONNREFUSED',
      }),
    );
    expect((await failure(source.read('k'))).kind).toBe('unreachable');
  });

  it('fails a read that outlives the call deadline as a timeout', async () => {
    // An endpoint that never answers, whatever the client's own settings.
    sm.on(GetSecretValueCommand).callsFake(() => new Promise(() => {}));
    const bounded = createSecretsManagerSource(
      new SecretsManagerClient({ region: 'us-east-1' }),
      { attemptTimeoutMs: 60_000, callTimeoutMs: 200 },
    );
    const started = Date.now();
    const error = await failure(bounded.read('sites/acme/build'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(UpstreamReadError);
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      'reading AWS secret sites/acme/build failed: timeout (no answer within 200 ms)',
    );
  });

  it('classifies an attempt the SDK timed out as a timeout', async () => {
    sm.on(GetSecretValueCommand).rejects(
      Object.assign(new Error('socket timed out'), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
      }),
    );
    expect((await failure(source.read('k'))).kind).toBe('timeout');
  });

  it('reports a malformed document without quoting it', async () => {
    sm.on(GetSecretValueCommand).resolves({
      SecretString: `{"TOKEN": "${CANARY}"`,
    });
    const error = await failure(source.read('sites/acme/build'));
    expect(error.kind).toBe('invalid-document');
    expect(error.message).toBe(
      'AWS secret sites/acme/build cannot be synced: the secret is not valid JSON',
    );
    expect(`${error.message}${error.stack}`).not.toContain(CANARY);
  });
});
