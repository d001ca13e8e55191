import { createHash } from 'node:crypto';
import { createHistoryDigests } from './createHistoryDigests';

describe('createHistoryDigests', () => {
  const secret = 'a-deployment-secret-of-some-length';

  it('gives equal values equal digests under one secret, on every replica', () => {
    const a = createHistoryDigests(secret);
    const b = createHistoryDigests(secret);
    expect(a.digest({ K: 'value' })).toEqual(b.digest({ K: 'value' }));
    expect(a.keyId).toBe(b.keyId);
    expect(a.digest({ K: 'value' }).K).not.toBe(a.digest({ K: 'other' }).K);
  });

  it('is keyed: another secret gives other digests and another key id, and no digest is a plain hash', () => {
    const a = createHistoryDigests(secret);
    const b = createHistoryDigests(`${secret}-rotated`);
    expect(a.digest({ K: 'value' }).K).not.toBe(b.digest({ K: 'value' }).K);
    expect(a.keyId).not.toBe(b.keyId);
    const plain = createHash('sha256').update('value');
    expect(a.digest({ K: 'value' }).K).not.toBe(plain.digest('base64url'));
    expect(JSON.stringify(a.digest({ K: 'value' }))).not.toContain('value');
  });
});
