import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { ConflictError, InputError } from '@backstage/errors';
import {
  describeSecretDocumentRefusal,
  MAX_SECRET_DOCUMENT_BYTES,
  parseSecretDocument,
  SECRETS_SYNC_ENTITY_TAG,
  SECRETS_SYNC_MANAGED_TAG,
  SECRETS_SYNC_MANAGED_TAG_VALUE,
  secretDocumentBytes,
  serializeSecretDocument,
} from '@internal/plugin-secrets-sync-common';
import { AwsSendOptions, createAwsReader } from './createAwsReader';
import type { SharedCache } from './createSharedCache';
import { CURRENT } from './secretMetadata';
import { applySecretChange } from '../../lib/domain/secretDocument';
import { UpstreamError } from '../../lib/infra/upstreamErrors';
import { AwsClientFactory } from './createAwsClients';
import {
  AwsSecretRef,
  AwsSecretSnapshot,
  AwsSecretsService,
  AwsWriteResult,
} from './types';

/**
 * Staging label of a version written but not yet made current. Writers put
 * their version under this label, then move `AWSCURRENT` to it only if
 * `AWSCURRENT` is still on the version they merged from.
 */
export const PENDING_VERSION_STAGE = 'secrets-sync-pending';

function assertSize(values: Record<string, string>, secretName: string) {
  const bytes = secretDocumentBytes(values);
  if (bytes > MAX_SECRET_DOCUMENT_BYTES) {
    throw new InputError(
      `The document for ${secretName} would be ${bytes} bytes; AWS Secrets Manager accepts at most ${MAX_SECRET_DOCUMENT_BYTES}. Remove keys or shorten values.`,
    );
  }
}

/**
 * ConflictError when the secret's entity tag names another entity than
 * `entityRef`: its values are not this entity's to write or to sync.
 */
export function assertOwnedBy(
  snapshot: Pick<AwsSecretSnapshot, 'exists' | 'entityRef'>,
  ref: AwsSecretRef,
  entityRef: string,
) {
  if (
    snapshot.exists &&
    snapshot.entityRef &&
    snapshot.entityRef.toLocaleLowerCase('en-US') !==
      entityRef.toLocaleLowerCase('en-US')
  ) {
    throw new ConflictError(
      `The AWS secret ${ref.name} in account ${ref.accountId} belongs to ${snapshot.entityRef} (tag ${SECRETS_SYNC_ENTITY_TAG}), not ${entityRef}; nothing was changed.`,
    );
  }
}

/** Backoff with full jitter, so contending writers spread out. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(2000, 20 * 2 ** attempt);
  return sleep(Math.floor(Math.random() * ceiling));
}

/**
 * Long enough for the SDK to retry a throttled or failed request once or
 * twice (each attempt is bounded to 3 s), short enough that a view of an
 * account that stopped answering comes back in seconds.
 */
const DEFAULT_CALL_DEADLINE_MS = 6_000;

/**
 * Creates the AWS Secrets Manager service.
 */
export function createAwsSecretsService(options: {
  clients: AwsClientFactory;
  /** Compare-and-swap rounds before a contended write gives up. */
  maxAttempts?: number;
  /** How long a secret's metadata is reused by reads; 0 (the default) reads it every time. */
  metadataTtlMs?: number;
  /** The clock of the metadata cache, in milliseconds. */
  now?: () => number;
  /**
   * How long one AWS call may take, all of the SDK's attempts included,
   * before its environment is reported unreachable.
   */
  callDeadlineMs?: number;
  /** Shared with the other replicas; see createAwsReader. */
  shared?: SharedCache;
  /** Whether value digests are keyed with the deployment's secret. */
  sharedDigests?: boolean;
}): AwsSecretsService {
  const {
    clients,
    maxAttempts = 40,
    callDeadlineMs = DEFAULT_CALL_DEADLINE_MS,
  } = options;

  async function call<T>(
    ref: AwsSecretRef,
    action: string,
    run: (
      client: SecretsManagerClient,
      sendOptions: AwsSendOptions,
    ) => Promise<T>,
    deadlineMs = callDeadlineMs,
  ): Promise<T> {
    let client: SecretsManagerClient;
    try {
      client = await clients(ref);
    } catch (error) {
      throw UpstreamError.from(
        'aws',
        `credentials for account ${ref.accountId}`,
        error,
      );
    }
    const deadline = new AbortController();
    const noAnswer = new UpstreamError({
      hop: 'aws',
      reason: 'unreachable',
      message: `AWS Secrets Manager: ${action} ${ref.name} in account ${ref.accountId}: unreachable: no answer within ${deadlineMs} ms`,
    });
    const expired = new Promise<never>((_, reject) => {
      deadline.signal.addEventListener('abort', () => reject(noAnswer));
    });
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    try {
      // The race settles at the deadline even if the SDK is still busy with
      // a credential refresh, which the abort signal does not reach.
      return await Promise.race([
        run(client, { abortSignal: deadline.signal }),
        expired,
      ]);
    } catch (error) {
      if (deadline.signal.aborted) {
        throw noAnswer;
      }
      throw UpstreamError.from(
        'aws',
        `${action} ${ref.name} in account ${ref.accountId}`,
        error,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  const reader = createAwsReader({
    call,
    metadataTtlMs: options.metadataTtlMs ?? 0,
    now: options.now,
    shared: options.shared,
    sharedDigests: options.sharedDigests,
  });
  const describe = reader.describe;

  /** A stored version: its values, or why its document is refused (no key named). */
  type StoredDocument = {
    versionId?: string;
    values?: Record<string, string>;
    problem?: string;
  };

  async function readCurrent(
    ref: AwsSecretRef,
    versionId?: string,
  ): Promise<StoredDocument> {
    const output = await call(ref, 'GetSecretValue', (client, sendOptions) =>
      client.send(
        new GetSecretValueCommand(
          versionId
            ? { SecretId: ref.name, VersionId: versionId }
            : { SecretId: ref.name, VersionStage: CURRENT },
        ),
        sendOptions,
      ),
    );
    const parsed = parseSecretDocument(output.SecretString);
    return parsed.ok
      ? { versionId: output.VersionId, values: parsed.values }
      : {
          versionId: output.VersionId,
          values: undefined,
          problem: describeSecretDocumentRefusal(parsed.refusal),
        };
  }

  /** The version to merge onto; a secret created without a value has none. */
  async function readBase(ref: AwsSecretRef): Promise<StoredDocument> {
    try {
      return await readCurrent(ref);
    } catch (error) {
      if (error instanceof UpstreamError && error.reason === 'not-found') {
        return { versionId: undefined, values: {} };
      }
      throw error;
    }
  }

  function assertWritable(
    snapshot: AwsSecretSnapshot,
    ref: AwsSecretRef,
    entityRef: string,
  ) {
    if (!snapshot.managed) {
      throw new ConflictError(
        `The AWS secret ${ref.name} in account ${ref.accountId} already exists and is not managed by secrets-sync (it lacks the tag ${SECRETS_SYNC_MANAGED_TAG}=${SECRETS_SYNC_MANAGED_TAG_VALUE}); it was not written. Tag it, or remove it, to let secrets-sync manage it.`,
      );
    }
    assertOwnedBy(snapshot, ref, entityRef);
    if (snapshot.deletionScheduledAt) {
      throw new ConflictError(
        `The AWS secret ${ref.name} in account ${
          ref.accountId
        } is scheduled for deletion on ${snapshot.deletionScheduledAt.toISOString()}; restore it (RestoreSecret) before writing.`,
      );
    }
  }

  async function create(
    ref: AwsSecretRef,
    values: Record<string, string>,
    entityRef: string,
  ): Promise<AwsWriteResult | undefined> {
    try {
      const output = await call(ref, 'CreateSecret', (client, sendOptions) =>
        client.send(
          new CreateSecretCommand({
            Name: ref.name,
            SecretString: serializeSecretDocument(values),
            ClientRequestToken: randomUUID(),
            Tags: [
              {
                Key: SECRETS_SYNC_MANAGED_TAG,
                Value: SECRETS_SYNC_MANAGED_TAG_VALUE,
              },
              { Key: SECRETS_SYNC_ENTITY_TAG, Value: entityRef },
            ],
          }),
          sendOptions,
        ),
      );
      return {
        outcome: 'written',
        created: true,
        versionId: output.VersionId,
        keys: Object.keys(values).sort(),
        attempts: 1,
      };
    } catch (error) {
      // another writer (perhaps another replica) created it first: merge onto theirs
      if (
        error instanceof UpstreamError &&
        error.upstreamName === 'ResourceExistsException'
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Writes `next` as a pending version, then moves `AWSCURRENT` to it only
   * if `AWSCURRENT` is still on `baseVersionId`. Returns the new version id,
   * or undefined when another writer got there first; the losing version
   * keeps no label and is never read.
   */
  async function compareAndSwap(
    ref: AwsSecretRef,
    baseVersionId: string | undefined,
    next: Record<string, string>,
  ): Promise<string | undefined> {
    const put = await call(ref, 'PutSecretValue', (client, sendOptions) =>
      client.send(
        new PutSecretValueCommand({
          SecretId: ref.name,
          SecretString: serializeSecretDocument(next),
          ClientRequestToken: randomUUID(),
          VersionStages: [PENDING_VERSION_STAGE],
        }),
        sendOptions,
      ),
    );
    const versionId = put.VersionId!;
    if (!baseVersionId) {
      // the first version of a secret becomes current by itself, if it was first
      const snapshot = await describe(ref);
      return snapshot.versionId === versionId ? versionId : undefined;
    }
    try {
      await call(ref, 'UpdateSecretVersionStage', (client, sendOptions) =>
        client.send(
          new UpdateSecretVersionStageCommand({
            SecretId: ref.name,
            VersionStage: CURRENT,
            MoveToVersionId: versionId,
            RemoveFromVersionId: baseVersionId,
          }),
          sendOptions,
        ),
      );
      return versionId;
    } catch (error) {
      if (error instanceof UpstreamError && error.reason === 'unknown') {
        const now = await describe(ref);
        if (now.versionId !== baseVersionId) {
          return undefined;
        }
      }
      throw error;
    }
  }

  async function write({
    ref,
    change,
    entityRef,
    alwaysNewVersion = false,
  }: Parameters<AwsSecretsService['write']>[0]): Promise<AwsWriteResult> {
    assertSize(change.set, ref.name);
    let snapshot = await describe(ref);
    if (!snapshot.exists) {
      const initial = applySecretChange({}, change);
      if (Object.keys(initial).length === 0 && change.mode === 'merge') {
        return {
          outcome: 'unchanged',
          created: false,
          keys: [],
          attempts: 0,
        };
      }
      const created = await create(ref, initial, entityRef);
      if (created) {
        return created;
      }
      snapshot = await describe(ref);
    }
    assertWritable(snapshot, ref, entityRef);

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const base = await readBase(ref);
      if (!base.values && change.mode === 'merge') {
        throw new ConflictError(
          `The AWS secret ${ref.name} in account ${ref.accountId} does not hold a document the operator accepts (${base.problem}), so keys cannot be merged into it; replace the whole document instead.`,
        );
      }
      const next = applySecretChange(base.values ?? {}, change);
      if (
        !alwaysNewVersion &&
        base.values &&
        serializeSecretDocument(next) === serializeSecretDocument(base.values)
      ) {
        return {
          outcome: 'unchanged',
          created: false,
          versionId: base.versionId,
          keys: Object.keys(next),
          attempts: attempt,
        };
      }
      assertSize(next, ref.name);
      const versionId = await compareAndSwap(ref, base.versionId, next);
      if (versionId) {
        return {
          outcome: 'written',
          created: false,
          versionId,
          keys: Object.keys(next),
          attempts: attempt,
        };
      }
      await backoff(attempt);
    }
    throw new ConflictError(
      `Other writers kept changing the AWS secret ${ref.name} in account ${ref.accountId}; gave up after ${maxAttempts} attempts. Nothing of this request was lost or half-applied: try again.`,
    );
  }

  return {
    read: reader.read,
    readMetadata: reader.readMetadata,
    prefetch: reader.prefetch,
    invalidate: reader.invalidate,
    async write(request) {
      try {
        return await write(request);
      } finally {
        // whatever happened, AWS may hold a new version now: read it afresh
        await reader.invalidate(request.ref);
      }
    },
  };
}
