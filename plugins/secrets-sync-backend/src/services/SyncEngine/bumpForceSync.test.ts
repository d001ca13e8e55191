import { UpstreamError } from '../../lib/infra/upstreamErrors';
import { bumpForceSync } from './bumpForceSync';

const KEY = 'example.io/sync';
const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_SECONDS = String(NOW.getTime() / 1000);

const conflict = () =>
  new UpstreamError({
    hop: 'kubernetes',
    reason: 'conflict',
    message: 'Kubernetes: patch: conflict: the object has been modified',
  });

function object(resourceVersion: string, stamp?: string) {
  return {
    metadata: {
      resourceVersion,
      annotations: stamp ? { [KEY]: stamp } : {},
    },
  };
}

describe('bumpForceSync', () => {
  it('patches a stamp past the current one, on the version it read', async () => {
    const patch = jest.fn().mockResolvedValue(undefined);
    await bumpForceSync({
      object: object('7', NOW_SECONDS),
      annotation: KEY,
      now: () => NOW,
      patch,
      reread: jest.fn(),
    });
    expect(patch).toHaveBeenCalledWith(
      expect.anything(),
      { [KEY]: String(Number(NOW_SECONDS) + 1) },
      '7',
    );
  });

  it('redoes a conflicting bump on the object as it is now, past the other bump', async () => {
    const patch = jest
      .fn()
      .mockRejectedValueOnce(conflict())
      .mockResolvedValue(undefined);
    const newer = object('8', String(Number(NOW_SECONDS) + 5));
    await bumpForceSync({
      object: object('7'),
      annotation: KEY,
      now: () => NOW,
      patch,
      reread: async () => newer,
    });
    expect(patch).toHaveBeenCalledTimes(2);
    expect(patch).toHaveBeenLastCalledWith(
      newer,
      { [KEY]: String(Number(NOW_SECONDS) + 6) },
      '8',
    );
  });

  it('does not loop on a conflict that no newer version explains', async () => {
    const patch = jest.fn().mockRejectedValue(conflict());
    await expect(
      bumpForceSync({
        object: object('7'),
        annotation: KEY,
        now: () => NOW,
        patch,
        reread: async () => object('7'),
      }),
    ).rejects.toMatchObject({ reason: 'conflict' });
    expect(patch).toHaveBeenCalledTimes(1);
  });

  it('gives up after five conflicting bumps, and never retries other errors', async () => {
    let version = 7;
    const contended = jest.fn().mockRejectedValue(conflict());
    await expect(
      bumpForceSync({
        object: object(String(version)),
        annotation: KEY,
        now: () => NOW,
        patch: contended,
        reread: async () => object(String(++version)),
      }),
    ).rejects.toMatchObject({ reason: 'conflict' });
    expect(contended).toHaveBeenCalledTimes(5);

    const forbidden = jest.fn().mockRejectedValue(
      new UpstreamError({
        hop: 'kubernetes',
        reason: 'access-denied',
        message: 'Kubernetes: patch: access denied',
      }),
    );
    await expect(
      bumpForceSync({
        object: object('7'),
        annotation: KEY,
        now: () => NOW,
        patch: forbidden,
        reread: async () => object('8'),
      }),
    ).rejects.toMatchObject({ reason: 'access-denied' });
    expect(forbidden).toHaveBeenCalledTimes(1);
  });
});
