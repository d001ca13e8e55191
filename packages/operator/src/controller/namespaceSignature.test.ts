import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as contract } from '@internal/plugin-secrets-sync-common';
import { isOptedIn, namespaceSignature } from './namespaceSignature';

const ns = (annotations: Record<string, string>, labels = {}) => ({
  metadata: { name: 'sites-acme', annotations, labels },
});

describe('namespaceSignature', () => {
  const base = ns({ 'deco.sites/build-secrets-managed': 'enabled' });

  it('ignores changes a reconcile does not depend on', () => {
    expect(
      namespaceSignature(
        contract,
        ns(
          {
            'deco.sites/build-secrets-managed': 'enabled',
            'other/annotation': 'x',
          },
          { team: 'blue' },
        ),
      ),
    ).toBe(namespaceSignature(contract, base));
  });

  it('changes with a force sync, an opt-out and deletion', () => {
    const signature = namespaceSignature(contract, base);
    expect(
      namespaceSignature(
        contract,
        ns({
          'deco.sites/build-secrets-managed': 'enabled',
          'deco.sites/build-secrets-sync': '1700000000',
        }),
      ),
    ).not.toBe(signature);
    expect(namespaceSignature(contract, ns({}))).not.toBe(signature);
    expect(
      namespaceSignature(contract, {
        metadata: { ...base.metadata, deletionTimestamp: new Date() },
      }),
    ).not.toBe(signature);
  });
});

describe('isOptedIn', () => {
  it('requires the enabled value', () => {
    expect(
      isOptedIn(
        contract,
        ns({ 'deco.sites/build-secrets-managed': 'enabled' }),
      ),
    ).toBe(true);
    expect(
      isOptedIn(contract, ns({ 'deco.sites/build-secrets-managed': 'true' })),
    ).toBe(false);
    expect(isOptedIn(contract, { metadata: {} })).toBe(false);
  });
});
