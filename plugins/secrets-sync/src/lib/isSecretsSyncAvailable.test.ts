import { isSecretsSyncAvailable } from './isSecretsSyncAvailable';

const entity = (annotations?: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', annotations },
});

describe('isSecretsSyncAvailable', () => {
  it('is true when either secrets-sync annotation is present', () => {
    expect(
      isSecretsSyncAvailable(
        entity({ 'secrets-sync.io/tenant-key': 'checkout' }),
      ),
    ).toBe(true);
    expect(
      isSecretsSyncAvailable(entity({ 'secrets-sync.io/environments': 'dev' })),
    ).toBe(true);
  });

  it('is false without them', () => {
    expect(isSecretsSyncAvailable(entity())).toBe(false);
    expect(
      isSecretsSyncAvailable(entity({ 'backstage.io/techdocs-ref': 'dir:.' })),
    ).toBe(false);
  });
});
