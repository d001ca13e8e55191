import type { CallerIdentity } from '../upstream/createCallerIdentity';
import { UpstreamReadError, UpstreamSource } from '../upstream/types';

/**
 * Another namespace whose owned Secret proves its AWS secret existed: an
 * opted-in namespace holding a Secret with the owner labels.
 *
 * @public
 */
export interface DeletionPeer {
  namespace: string;
  awsKey: string;
}

/**
 * Why the operator kept an owned Secret whose AWS secret reads as missing.
 *
 * - `account-mismatch`: `sts:GetCallerIdentity` names another account than
 *   the expected one (credentials an emulator restart remapped, a wrong
 *   profile or role).
 * - `account-looks-empty`: the AWS secrets of other namespaces holding
 *   owned Secrets read as missing too (an emulator restarted without its
 *   data, a wrong region).
 *
 * @public
 */
export type DeletionRefusalKind = 'account-mismatch' | 'account-looks-empty';

/**
 * A deletion refused because AWS looks wrong rather than the secret gone.
 * The reconcile fails with it, so it is counted, evented and retried with
 * backoff until AWS looks right again.
 *
 * @public
 */
export class DeletionRefusedError extends Error {
  readonly name = 'DeletionRefusedError';
  constructor(readonly kind: DeletionRefusalKind, message: string) {
    super(message);
  }
}

/**
 * Checks, before an owned Secret is deleted because its AWS secret reads as
 * missing, that the operator is looking at the right, populated account.
 *
 * @public
 */
export interface DeletionGuard {
  /**
   * Resolves when the owned Secret of `namespace` may be deleted because
   * `awsKey` is missing; rejects with a {@link DeletionRefusedError} when AWS
   * looks wrong, or with the error of a check that could not be made.
   */
  checkMissing(namespace: string, awsKey: string): Promise<void>;
}

/**
 * Options of {@link createDeletionGuard}.
 *
 * @public
 */
export interface DeletionGuardOptions {
  identity: CallerIdentity;
  /** The account the operator must act in: configured, or learnt at startup. */
  expectedAccountId(): Promise<string>;
  upstream: UpstreamSource;
  /** Namespaces other than the one being reconciled may be among them. */
  peers(): DeletionPeer[];
  /** Peers read per check; default 3. */
  sampleSize?: number;
  /**
   * Fewest other namespaces that must read as missing as well before a
   * deletion is refused; default 2, so one tenant removed together with
   * another is still deleted.
   */
  minPeers?: number;
  /** Picks the peers to read; random by default so no peer is always asked. */
  shuffle?<T>(items: T[]): T[];
}

/**
 * Creates the {@link DeletionGuard}. Two checks, both only on the rare path
 * that deletes because of a missing AWS secret, so a steady state costs no
 * extra AWS call:
 *
 * 1. The caller identity's account must be the expected one. moto, after a
 *    restart, maps credentials issued before it to its default account,
 *    where every secret is missing.
 * 2. A sample of other namespaces holding owned Secrets must not all be
 *    missing too: one missing secret is a tenant's deletion, all of them at
 *    once is an account that looks empty.
 *
 * @public
 */
export function createDeletionGuard(
  options: DeletionGuardOptions,
): DeletionGuard {
  const sampleSize = options.sampleSize ?? 3;
  const minPeers = options.minPeers ?? 2;
  const shuffle = options.shuffle ?? randomOrder;

  async function checkAccount(awsKey: string): Promise<void> {
    const expected = await options.expectedAccountId();
    const actual = await options.identity.accountId();
    if (actual !== expected) {
      throw new DeletionRefusedError(
        'account-mismatch',
        `AWS secret ${awsKey} reads as missing, but the operator's AWS credentials act in account ${actual}, not ${expected}: the Secret is kept. Credentials issued before an emulator restart, or a wrong profile or role, do this; restart the operator once its credentials are right`,
      );
    }
  }

  async function checkPeers(namespace: string, awsKey: string) {
    const others = options.peers().filter(p => p.namespace !== namespace);
    if (others.length < Math.max(minPeers, 1)) {
      return;
    }
    const sample = shuffle(others).slice(0, Math.max(sampleSize, minPeers));
    for (const peer of sample) {
      try {
        if ((await options.upstream.read(peer.awsKey)).state === 'present') {
          return;
        }
      } catch (error) {
        // A secret that exists but cannot be synced still proves the
        // account holds data.
        if (
          error instanceof UpstreamReadError &&
          (error.kind === 'deletion-scheduled' ||
            error.kind === 'invalid-document')
        ) {
          return;
        }
        throw error;
      }
    }
    const names = sample.map(p => p.namespace).join(', ');
    throw new DeletionRefusedError(
      'account-looks-empty',
      `AWS secret ${awsKey} reads as missing, and so do the AWS secrets of ${sample.length} other namespaces with owned Secrets (${names}): the account looks emptied (an emulator restarted without its data, a wrong region?), so the Secret is kept. If these secrets were deleted on purpose, remove the opt-in annotation or delete the Secrets by hand`,
    );
  }

  return {
    async checkMissing(namespace, awsKey) {
      await checkAccount(awsKey);
      await checkPeers(namespace, awsKey);
    },
  };
}

function randomOrder<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
