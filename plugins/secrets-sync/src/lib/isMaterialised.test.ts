import { environmentFixture } from '../__testUtils__/topologyFixtures';
import { isMaterialised } from './isMaterialised';

describe('isMaterialised', () => {
  const synced = environmentFixture({ name: 'dev', status: 'synced' });

  it('is true once the synced Secret holds the written keys and not the unset ones', () => {
    expect(
      isMaterialised(synced, { set: ['DATABASE_URL'], unset: ['GONE'] }),
    ).toBe(true);
  });

  it('is false while a written key is missing from the Secret', () => {
    expect(isMaterialised(synced, { set: ['NEW_KEY'], unset: [] })).toBe(false);
  });

  it('is false while an unset key is still in the Secret', () => {
    expect(isMaterialised(synced, { set: [], unset: ['SENTRY_DSN'] })).toBe(
      false,
    );
  });

  it('is false for any status but synced', () => {
    const pending = environmentFixture({ name: 'dev', status: 'pending' });
    expect(isMaterialised(pending, { set: ['DATABASE_URL'], unset: [] })).toBe(
      false,
    );
  });
});
