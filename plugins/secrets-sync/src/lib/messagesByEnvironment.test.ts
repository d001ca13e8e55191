import { messagesByEnvironment } from './messagesByEnvironment';

describe('messagesByEnvironment', () => {
  it("splits the backend's answer to a write that failed everywhere", () => {
    expect(
      messagesByEnvironment(
        'dev: AWS Secrets Manager: CreateSecret sites/web/build in account 111111111111: Service unavailable; prod: AWS Secrets Manager: CreateSecret sites/web/build in account 222222222222: Service unavailable',
        ['dev', 'prod'],
      ),
    ).toEqual({
      dev: 'AWS Secrets Manager: CreateSecret sites/web/build in account 111111111111: Service unavailable',
      prod: 'AWS Secrets Manager: CreateSecret sites/web/build in account 222222222222: Service unavailable',
    });
  });

  it('keeps apart names that end alike, in any order, and a "; " inside a part', () => {
    expect(
      messagesByEnvironment('eu-prod: a; then b; prod: c', ['prod', 'eu-prod']),
    ).toEqual({ 'eu-prod': 'a; then b', prod: 'c' });
  });

  it('gives every environment the whole message when it names no environment', () => {
    expect(
      messagesByEnvironment('prod is restricted: confirm it', ['dev', 'prod']),
    ).toEqual({
      dev: 'prod is restricted: confirm it',
      prod: 'prod is restricted: confirm it',
    });
  });

  it('gives every environment the whole message when one is missing from it', () => {
    const message = 'dev: timed out';
    expect(messagesByEnvironment(message, ['dev', 'prod'])).toEqual({
      dev: message,
      prod: message,
    });
  });

  it('leaves a single environment its message whole', () => {
    expect(messagesByEnvironment('dev: x', ['dev'])).toEqual({
      dev: 'dev: x',
    });
  });
});
