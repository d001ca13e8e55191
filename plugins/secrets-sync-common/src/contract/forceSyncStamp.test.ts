import { forceSyncStampToDate, nextForceSyncStamp } from './forceSyncStamp';

describe('nextForceSyncStamp', () => {
  const now = new Date('2026-01-01T00:00:00.900Z');
  const nowSeconds = String(Math.floor(now.getTime() / 1000));

  it('is the current unix time in seconds when the annotation is older or absent', () => {
    expect(nextForceSyncStamp(undefined, now)).toBe(nowSeconds);
    expect(nextForceSyncStamp('1000', now)).toBe(nowSeconds);
    expect(nextForceSyncStamp('not a number', now)).toBe(nowSeconds);
  });

  it('moves past a value written within the same second, so every bump changes the annotation', () => {
    const first = nextForceSyncStamp(undefined, now);
    const second = nextForceSyncStamp(first, now);
    const third = nextForceSyncStamp(second, now);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(Number(third)).toBe(Number(first) + 2);
  });

  it('reads back as the time it stands for', () => {
    expect(forceSyncStampToDate(nowSeconds)?.toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(forceSyncStampToDate('soon')).toBeUndefined();
  });
});
