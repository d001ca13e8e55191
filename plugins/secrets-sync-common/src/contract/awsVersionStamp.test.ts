import {
  awsVersionStampOf,
  SECRETS_SYNC_AWS_VERSION_ANNOTATION,
} from './awsVersionStamp';

describe('awsVersionStampOf', () => {
  it('reads the version id the operator stamped', () => {
    expect(
      awsVersionStampOf({
        annotations: { [SECRETS_SYNC_AWS_VERSION_ANNOTATION]: 'v-1' },
      }),
    ).toBe('v-1');
  });

  it('is undefined for a Secret without a stamp or with an empty one', () => {
    expect(awsVersionStampOf(undefined)).toBeUndefined();
    expect(awsVersionStampOf({ annotations: {} })).toBeUndefined();
    expect(
      awsVersionStampOf({
        annotations: { [SECRETS_SYNC_AWS_VERSION_ANNOTATION]: ' ' },
      }),
    ).toBeUndefined();
  });
});
