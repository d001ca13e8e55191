import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as contract } from '@internal/plugin-secrets-sync-common';
import {
  decodeSecretData,
  encodeSecretData,
  localFact,
  namespaceIntent,
} from './contractFacts';

describe('namespaceIntent', () => {
  it('opts in a sites-<site> namespace carrying the enabled annotation', () => {
    expect(
      namespaceIntent(contract, {
        metadata: {
          name: 'sites-acme',
          annotations: {
            'deco.sites/build-secrets-managed': 'enabled',
            'deco.sites/build-secrets-sync': '1700000000',
          },
        },
      }),
    ).toEqual({
      optedIn: true,
      tenantKey: 'acme',
      awsKey: 'sites/acme/build',
      forceSync: '1700000000',
      terminating: false,
      misnamed: false,
    });
  });

  it('does not opt in for any other annotation value', () => {
    const intent = namespaceIntent(contract, {
      metadata: {
        name: 'sites-acme',
        annotations: { 'deco.sites/build-secrets-managed': 'disabled' },
      },
    });
    expect(intent.optedIn).toBe(false);
    expect(intent.misnamed).toBe(false);
  });

  it('flags an annotated namespace whose name does not follow the template', () => {
    const intent = namespaceIntent(contract, {
      metadata: {
        name: 'acme',
        annotations: { 'deco.sites/build-secrets-managed': 'enabled' },
      },
    });
    expect(intent).toMatchObject({ optedIn: false, misnamed: true });
    expect(intent.awsKey).toBeUndefined();
  });

  it('follows an overridden contract', () => {
    const intent = namespaceIntent(
      {
        ...contract,
        namespaceTemplate: 'tenant-{tenant}-apps',
        awsKeyTemplate: 'apps/{tenant}',
        optInAnnotation: 'example.com/sync',
        enabledValue: 'yes',
      },
      {
        metadata: {
          name: 'tenant-blue-apps',
          annotations: { 'example.com/sync': 'yes' },
          deletionTimestamp: new Date(),
        },
      },
    );
    expect(intent).toMatchObject({
      optedIn: true,
      tenantKey: 'blue',
      awsKey: 'apps/blue',
      terminating: true,
    });
  });
});

describe('localFact', () => {
  it('is absent without a Secret', () => {
    expect(localFact(contract, undefined)).toEqual({ state: 'absent' });
  });

  it('is unowned unless every owner label matches', () => {
    expect(
      localFact(contract, {
        metadata: { labels: { 'deco.sites/managed-by': 'operator' } },
        data: { A: 'MQ==' },
      }),
    ).toEqual({ state: 'unowned' });
  });

  it('decodes the data of an owned Secret', () => {
    expect(
      localFact(contract, {
        metadata: { labels: { ...contract.ownerLabels, extra: 'kept' } },
        data: encodeSecretData({ A: 'ünïcode', B: '' }),
      }),
    ).toEqual({ state: 'owned', data: { A: 'ünïcode', B: '' } });
  });

  it('round-trips values through base64', () => {
    const values = { TOKEN: 'a+b/c==', EMPTY: '' };
    expect(decodeSecretData(encodeSecretData(values))).toEqual(values);
  });
});
