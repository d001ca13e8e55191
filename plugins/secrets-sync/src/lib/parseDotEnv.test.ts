import { parseDotEnv } from './parseDotEnv';

describe('parseDotEnv', () => {
  it('reads plain, exported, quoted and commented lines', () => {
    const result = parseDotEnv(
      [
        '# database',
        'DATABASE_URL=postgres://u:p@db:5432/app',
        'export API_KEY = abc123 # rotated monthly',
        "SINGLE='keep # and \\n as is'",
        'DOUBLE="line1\\nline2"',
        '',
        'EMPTY=',
      ].join('\n'),
    );

    expect(result.problems).toEqual([]);
    expect(result.entries).toEqual([
      { key: 'DATABASE_URL', value: 'postgres://u:p@db:5432/app' },
      { key: 'API_KEY', value: 'abc123' },
      { key: 'SINGLE', value: 'keep # and \\n as is' },
      { key: 'DOUBLE', value: 'line1\nline2' },
      { key: 'EMPTY', value: '' },
    ]);
  });

  it('lets a later line win and keeps its position', () => {
    expect(parseDotEnv('A=1\r\nB=2\r\nA=3').entries).toEqual([
      { key: 'B', value: '2' },
      { key: 'A', value: '3' },
    ]);
  });

  it('reports unreadable lines by number without echoing them', () => {
    const result = parseDotEnv('A=1\nsecret-without-equals-sign\n');
    expect(result.problems).toEqual(['Line 2 is not KEY=value']);
    expect(result.problems.join()).not.toContain('secret-without');
  });
});
