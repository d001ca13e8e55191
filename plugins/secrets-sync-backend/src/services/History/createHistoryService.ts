import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  RollbackResponse,
  VersionHistory,
} from '@internal/plugin-secrets-sync-common';
import { inPool } from '../../lib/infra/inPool';
import { toStatusReason, UpstreamError } from '../../lib/infra/upstreamErrors';
import { assertOwnedBy, AwsSecretRef, AwsSecretsService } from '../AwsSecrets';
import type { SyncEngineResolver, SyncTarget } from '../SyncEngine';
import type { HistoryDigests } from './createHistoryDigests';
import type { SecretVersion, SecretVersions } from './createSecretVersions';
import { joinHistory, KnownDigests } from './joinHistory';
import type { HistoryStore, WriteRecorder } from './types';

/** Versions a history shows, the newest ones. */
const MAX_VERSIONS = 50;
/** Records of one environment read for a history. */
const MAX_RECORDS = 500;
/** Versions whose values are read at once to digest them. */
const DIGEST_CONCURRENCY = 4;

/** History and rollback of one entity's AWS secret in one environment. */
export interface HistoryService extends WriteRecorder {
  /**
   * The secret's versions joined with the portal's records. ConflictError
   * when the AWS secret's entity tag names another entity.
   */
  getHistory(target: SyncTarget): Promise<VersionHistory>;
  /**
   * Moves `AWSCURRENT` to `versionId`, records it, then asks the engine to
   * sync. The version's value is read only to digest it and to refuse a
   * document the operator would not accept; it never leaves this process.
   */
  rollback(options: {
    target: SyncTarget;
    versionId: string;
    actor: string;
  }): Promise<RollbackResponse>;
}

/** Creates the {@link HistoryService}. */
export function createHistoryService(options: {
  store: HistoryStore;
  versions: SecretVersions;
  digests: HistoryDigests;
  aws: AwsSecretsService;
  engines: SyncEngineResolver;
  logger: LoggerService;
  now?: () => Date;
}): HistoryService {
  const { store, versions, digests, aws, engines, logger } = options;
  const now = options.now ?? (() => new Date());
  const { keyId } = digests;

  const refOf = (target: SyncTarget) =>
    engines(target.environment).awsSecretRef(target);

  /** Digests of each version: stored ones, the rest read from AWS and stored. */
  async function knownDigests(
    ref: AwsSecretRef,
    listed: SecretVersion[],
  ): Promise<Map<string, KnownDigests>> {
    const stored = await store.getDigests({
      accountId: ref.accountId,
      secretName: ref.name,
      versionIds: listed.map(version => version.versionId),
      keyId,
    });
    const known = new Map<string, KnownDigests>(
      stored.map(version => [
        version.versionId,
        { ok: true, digests: version.digests },
      ]),
    );
    const missing = listed.filter(version => !known.has(version.versionId));
    const read = await inPool(missing, DIGEST_CONCURRENCY, async version => {
      try {
        return {
          versionId: version.versionId,
          document: await versions.digestsOf(ref, version.versionId),
        };
      } catch (error) {
        return { versionId: version.versionId, error };
      }
    });
    const fresh = [];
    for (const outcome of read) {
      if (outcome.error) {
        known.set(outcome.versionId, {
          ok: false,
          why: `its value could not be read: ${
            toStatusReason(outcome.error).code
          }`,
        });
      } else if (outcome.document?.ok) {
        known.set(outcome.versionId, outcome.document);
        fresh.push({
          versionId: outcome.versionId,
          digests: outcome.document.digests,
        });
      } else {
        known.set(outcome.versionId, {
          ok: false,
          why: 'its document is not a JSON object of string values',
        });
      }
    }
    await store.putDigests({
      accountId: ref.accountId,
      secretName: ref.name,
      keyId,
      versions: fresh,
    });
    return known;
  }

  async function ownedSnapshot(target: SyncTarget, ref: AwsSecretRef) {
    const snapshot = await aws.read(ref);
    assertOwnedBy(snapshot, ref, target.entityRef);
    return snapshot;
  }

  async function recordWrite(
    request: Parameters<WriteRecorder['recordWrite']>[0],
  ) {
    const { target } = request;
    const ref = refOf(target);
    try {
      await store.addWrite({
        entityRef: target.entityRef,
        environment: target.environment.name,
        accountId: ref.accountId,
        secretName: ref.name,
        action: 'write',
        actor: request.actor,
        outcome: request.outcome,
        ...(request.versionId ? { versionId: request.versionId } : {}),
        keysSet: [...request.keysSet].sort(),
        keysUnset: [...request.keysUnset].sort(),
        mode: request.mode,
        recordedAt: now(),
      });
      if (request.outcome === 'written' && request.versionId) {
        const document = await versions.digestsOf(ref, request.versionId);
        if (document.ok) {
          await store.putDigests({
            accountId: ref.accountId,
            secretName: ref.name,
            keyId,
            versions: [
              { versionId: request.versionId, digests: document.digests },
            ],
          });
        }
      }
    } catch (error) {
      // the write happened; a history that misses it says so by its absence
      logger.warn(
        `Could not record a write of ${target.entityRef} in ${
          target.environment.name
        }: ${toStatusReason(error).message}`,
      );
    }
  }

  return {
    recordWrite,

    async getHistory(target) {
      const ref = refOf(target);
      const snapshot = await ownedSnapshot(target, ref);
      const records = await store.listWrites({
        entityRef: target.entityRef,
        environment: target.environment.name,
        limit: MAX_RECORDS,
      });
      const all = snapshot.exists ? await versions.list(ref) : [];
      const listed = all.slice(-MAX_VERSIONS);
      const joined = joinHistory({
        versions: listed,
        truncated: all.length > listed.length,
        digests: await knownDigests(ref, listed),
        records: records.filter(
          record =>
            record.accountId === ref.accountId &&
            record.secretName === ref.name,
        ),
        restricted: target.environment.restricted,
      });
      return {
        environment: target.environment.name,
        secretName: ref.name,
        accountId: ref.accountId,
        ...joined,
      };
    },

    async rollback({ target, versionId, actor }) {
      const ref = refOf(target);
      const snapshot = await ownedSnapshot(target, ref);
      if (!snapshot.exists) {
        throw new NotFoundError(
          `The AWS secret ${ref.name} in account ${ref.accountId} does not exist, so it has no version to roll back to.`,
        );
      }
      if (!snapshot.managed || snapshot.deletionScheduledAt) {
        throw new ConflictError(
          `The AWS secret ${ref.name} in account ${ref.accountId} is ${
            snapshot.managed
              ? 'scheduled for deletion'
              : 'not managed by secrets-sync'
          }; nothing was changed.`,
        );
      }
      const listed = await versions.list(ref);
      const current = listed.find(v => v.stages.includes('AWSCURRENT'));
      const wanted = listed.find(v => v.versionId === versionId);
      if (!wanted) {
        throw new NotFoundError(
          `The AWS secret ${ref.name} has no version of that id; pick one from its history.`,
        );
      }
      if (!current || current.versionId === wanted.versionId) {
        throw new ConflictError(
          `That version of ${ref.name} is already current; nothing was changed.`,
        );
      }
      const known = await knownDigests(ref, [wanted, current]);
      const wantedDigests = known.get(wanted.versionId);
      if (!wantedDigests?.ok) {
        throw new ConflictError(
          `That version of ${ref.name} cannot be made current: ${
            wantedDigests?.why ?? 'it could not be read'
          }, and the operator would refuse it. Nothing was changed.`,
        );
      }
      const from = known.get(current.versionId);
      const record = {
        entityRef: target.entityRef,
        environment: target.environment.name,
        accountId: ref.accountId,
        secretName: ref.name,
        action: 'rollback' as const,
        actor,
        versionId: wanted.versionId,
        fromVersionId: current.versionId,
        keysSet: Object.keys(wantedDigests.digests).sort(),
        keysUnset: from?.ok
          ? Object.keys(from.digests)
              .filter(key => !(key in wantedDigests.digests))
              .sort()
          : [],
      };
      try {
        await versions.moveCurrent(ref, wanted.versionId, current.versionId);
      } catch (error) {
        await store.addWrite({
          ...record,
          outcome: 'failed',
          recordedAt: now(),
        });
        if (error instanceof UpstreamError && error.reason === 'unknown') {
          throw new ConflictError(
            `The AWS secret ${ref.name} changed while rolling back (another writer made a version current); nothing was changed. Reload its history and try again.`,
          );
        }
        throw error;
      } finally {
        aws.invalidate(ref);
      }
      await store.addWrite({
        ...record,
        outcome: 'written',
        recordedAt: now(),
      });
      let sync: { syncRequested: boolean; warning?: string };
      try {
        const requested = await engines(target.environment).forceSync(target);
        sync = {
          syncRequested: true,
          ...(requested.warning ? { warning: requested.warning } : {}),
        };
      } catch (error) {
        sync = {
          syncRequested: false,
          warning: `The version is current in AWS, but a sync could not be requested: ${toStatusReason(
            error,
          ).message.replace(/\.$/, '')}. Force a sync once that is fixed.`,
        };
      }
      return {
        environment: target.environment.name,
        versionId: wanted.versionId,
        previousVersionId: current.versionId,
        ...sync,
      };
    },
  };
}
