import { reloaderRestarts, restartModeOf } from './restartMode';

const SECRET = 'build-secrets';

describe('reloaderRestarts', () => {
  const restarts = (
    annotations: Record<string, string>,
    secretMatch = false,
    where: 'workload' | 'template' = 'workload',
  ) =>
    reloaderRestarts({
      annotations:
        where === 'workload'
          ? [annotations, undefined]
          : [undefined, annotations],
      secretName: SECRET,
      secretMatch,
    });

  it.each([
    ['auto', { 'reloader.stakater.com/auto': 'true' }],
    ['secret auto', { 'secret.reloader.stakater.com/auto': 'true' }],
    [
      'the Secret named in reload',
      { 'secret.reloader.stakater.com/reload': `other, ${SECRET}` },
    ],
  ])('rows 1-3: %s', (_, annotations) => {
    expect(restarts(annotations)).toBe(true);
    expect(restarts(annotations, false, 'template')).toBe(true);
  });

  it('row 4: search on the workload restarts only for a Secret that matches', () => {
    const search = { 'reloader.stakater.com/search': 'true' };
    expect(restarts(search, true)).toBe(true);
    expect(restarts(search, false)).toBe(false);
  });

  it('row 5: anything else is not Reloader’s', () => {
    expect(restarts({})).toBe(false);
    expect(restarts({ 'reloader.stakater.com/auto': 'false' })).toBe(false);
    expect(
      restarts({ 'secret.reloader.stakater.com/reload': `${SECRET}-old` }),
    ).toBe(false);
    expect(restarts({}, true)).toBe(false);
  });
});

describe('restartModeOf', () => {
  it('follows its table', () => {
    expect(restartModeOf('Deployment', true)).toBe('reloader');
    expect(restartModeOf('StatefulSet', false)).toBe('rollout');
    expect(restartModeOf('DaemonSet', false)).toBe('rollout');
    expect(restartModeOf('CronJob', false)).toBe('next-run');
    expect(restartModeOf('Job', true)).toBe('next-run');
    expect(restartModeOf('Pod', false)).toBe('manual');
  });
});
