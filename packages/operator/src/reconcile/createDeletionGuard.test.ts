import {
  createDeletionGuard,
  DeletionPeer,
  DeletionRefusedError,
} from './createDeletionGuard';
import { UpstreamReadError } from '../upstream/types';
import type { UpstreamFact } from './decideAction';

const EXPECTED = '111111111111';

function guardWith(options: {
  account?: string;
  aws?: Record<string, UpstreamFact | UpstreamReadError>;
  peers?: DeletionPeer[];
}) {
  const reads: string[] = [];
  const guard = createDeletionGuard({
    identity: { accountId: async () => options.account ?? EXPECTED },
    expectedAccountId: async () => EXPECTED,
    upstream: {
      async read(key) {
        reads.push(key);
        const fact = options.aws?.[key] ?? { state: 'missing' };
        if (fact instanceof UpstreamReadError) {
          throw fact;
        }
        return fact;
      },
    },
    peers: () => options.peers ?? [],
    shuffle: items => items,
  });
  return { guard, reads };
}

const peer = (n: number): DeletionPeer => ({
  namespace: `sites-t${n}`,
  awsKey: `sites/t${n}/build`,
});
const present: UpstreamFact = { state: 'present', data: { A: '1' } };

async function refusal(promise: Promise<void>): Promise<DeletionRefusedError> {
  try {
    await promise;
  } catch (error) {
    return error as DeletionRefusedError;
  }
  throw new Error('expected a refusal');
}

describe('createDeletionGuard', () => {
  it('allows the deletion of one tenant whose secret is gone while the others are there', async () => {
    const { guard, reads } = guardWith({
      peers: [peer(0), peer(1), peer(2)],
      aws: { 'sites/t1/build': present },
    });
    await expect(
      guard.checkMissing('sites-t0', 'sites/t0/build'),
    ).resolves.toBeUndefined();
    // the namespace itself is never its own evidence
    expect(reads).toEqual(['sites/t1/build']);
  });

  it('refuses when the credentials act in another account', async () => {
    const { guard, reads } = guardWith({
      account: '123456789012',
      peers: [peer(1), peer(2)],
      aws: { 'sites/t1/build': present },
    });
    const error = await refusal(
      guard.checkMissing('sites-t0', 'sites/t0/build'),
    );
    expect(error).toBeInstanceOf(DeletionRefusedError);
    expect(error.kind).toBe('account-mismatch');
    expect(error.message).toContain(
      'act in account 123456789012, not 111111111111',
    );
    expect(reads).toEqual([]);
  });

  it('refuses when every sampled peer is missing too', async () => {
    const { guard, reads } = guardWith({
      peers: [peer(0), peer(1), peer(2), peer(3), peer(4)],
    });
    const error = await refusal(
      guard.checkMissing('sites-t0', 'sites/t0/build'),
    );
    expect(error.kind).toBe('account-looks-empty');
    expect(error.message).toContain(
      '3 other namespaces with owned Secrets (sites-t1, sites-t2, sites-t3)',
    );
    expect(reads).toHaveLength(3);
  });

  it('counts a peer scheduled for deletion or malformed as existing', async () => {
    for (const kind of ['deletion-scheduled', 'invalid-document'] as const) {
      const { guard } = guardWith({
        peers: [peer(1), peer(2)],
        aws: { 'sites/t2/build': new UpstreamReadError(kind, 'x') },
      });
      await expect(
        guard.checkMissing('sites-t0', 'sites/t0/build'),
      ).resolves.toBeUndefined();
    }
  });

  it('fails, neither allowing nor refusing, when a peer cannot be read', async () => {
    const throttled = new UpstreamReadError('throttled', 'slow down');
    const { guard } = guardWith({
      peers: [peer(1), peer(2)],
      aws: { 'sites/t1/build': throttled },
    });
    await expect(guard.checkMissing('sites-t0', 'sites/t0/build')).rejects.toBe(
      throttled,
    );
  });

  it('lets a deletion through with fewer than two other owned Secrets to compare', async () => {
    const { guard } = guardWith({ peers: [peer(0), peer(1)] });
    await expect(
      guard.checkMissing('sites-t0', 'sites/t0/build'),
    ).resolves.toBeUndefined();
  });
});
