import type { ExternalSecret } from '../../../Kubernetes';
import { namesSecret, pinnedVersions } from './externalSecretFacts';
import { mappedKeys } from './mappedKeys';

const secret = {
  name: 'sites/web/build',
  accountId: '111111111111',
  region: 'us-east-1',
};

describe('namesSecret', () => {
  it.each([
    ['its name', 'sites/web/build', true],
    [
      'its full ARN',
      'arn:aws:secretsmanager:us-east-1:111111111111:secret:sites/web/build-AbC123',
      true,
    ],
    [
      'its partial ARN',
      'arn:aws:secretsmanager:us-east-1:111111111111:secret:sites/web/build',
      true,
    ],
    [
      'an ARN of another account',
      'arn:aws:secretsmanager:us-east-1:222222222222:secret:sites/web/build-AbC123',
      false,
    ],
    [
      'an ARN of a longer name',
      'arn:aws:secretsmanager:us-east-1:111111111111:secret:sites/web/build-extra-AbC123',
      false,
    ],
    ['another name', 'sites/web/build2', false],
  ])('%s → %s', (_what, key, expected) => {
    expect(namesSecret(key, secret)).toBe(expected);
  });
});

function externalSecret(spec: ExternalSecret['spec']): ExternalSecret {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: 'build', namespace: 'sites-web' },
    spec,
  };
}

describe('mappedKeys', () => {
  it('compares a property with the Secret key it fills', () => {
    const keys = mappedKeys(
      externalSecret({
        data: [
          {
            secretKey: 'DB_PASSWORD',
            remoteRef: { key: 'sites/web/build', property: 'password' },
          },
        ],
      }),
      secret,
      { password: 'd1', other: 'd2' },
      { DB_PASSWORD: 'd1' },
    );
    expect(keys).toEqual([
      { name: 'DB_PASSWORD', inAws: true, inSecret: true, inSync: true },
    ]);
  });

  it('compares nothing it cannot compare by digest: a template', () => {
    expect(
      mappedKeys(
        externalSecret({
          target: { name: 'x', template: { data: {} } } as never,
          dataFrom: [{ extract: { key: 'sites/web/build' } }],
        }),
        secret,
        { A: 'd1' },
        { A: 'other' },
      ),
    ).toBeUndefined();
  });
});

describe('pinnedVersions', () => {
  it('counts every version but AWSCURRENT', () => {
    expect(
      pinnedVersions(
        externalSecret({
          dataFrom: [
            { extract: { key: 'sites/web/build', version: 'AWSCURRENT' } },
            { extract: { key: 'sites/web/build', version: 'AWSPREVIOUS' } },
          ],
        }),
        secret,
      ),
    ).toEqual(['AWSPREVIOUS']);
  });
});
