import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as contract } from './namespaceAnnotationContract';
import { isNamespaceOptedIn } from './optIn';
import { isOwnedByOperator } from './ownership';

describe('isNamespaceOptedIn', () => {
  const annotation = contract.optInAnnotation;

  it('is true only for the enabled value, exactly as written', () => {
    expect(
      isNamespaceOptedIn(contract, {
        annotations: { [annotation]: 'enabled' },
      }),
    ).toBe(true);
    for (const value of ['Enabled', 'enabled ', 'true', '']) {
      expect(
        isNamespaceOptedIn(contract, { annotations: { [annotation]: value } }),
      ).toBe(false);
    }
  });

  it('is false without the annotation, and for a missing namespace', () => {
    expect(
      isNamespaceOptedIn(contract, { labels: { [annotation]: 'enabled' } }),
    ).toBe(false);
    expect(isNamespaceOptedIn(contract, {})).toBe(false);
    expect(isNamespaceOptedIn(contract, undefined)).toBe(false);
  });
});

describe('isOwnedByOperator', () => {
  it('needs every owner label with its value', () => {
    expect(
      isOwnedByOperator(contract, { ...contract.ownerLabels, other: 'x' }),
    ).toBe(true);
    expect(
      isOwnedByOperator(contract, { 'deco.sites/managed-by': 'operator' }),
    ).toBe(false);
    expect(isOwnedByOperator(contract, undefined)).toBe(false);
  });
});
