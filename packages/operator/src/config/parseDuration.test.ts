import { parseDuration } from './parseDuration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['15', 'm', '15 minutes', '-5s', '0s', ''])(
    'rejects %j with an actionable message',
    text => {
      expect(() => parseDuration(text)).toThrow(/duration|longer than zero/);
    },
  );
});
