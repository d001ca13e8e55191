import { compareVersions } from './compareVersions';

describe('compareVersions', () => {
  it('names keys added, changed and removed by their digests', () => {
    expect(
      compareVersions(
        { KEPT: 'd1', EDITED: 'd2', DROPPED: 'd3' },
        { KEPT: 'd1', EDITED: 'd9', NEW: 'd4' },
      ),
    ).toEqual({ added: ['NEW'], changed: ['EDITED'], removed: ['DROPPED'] });
  });

  it('counts every key of the first version as added', () => {
    expect(compareVersions(undefined, { B: 'x', A: 'y' })).toEqual({
      added: ['A', 'B'],
      changed: [],
      removed: [],
    });
  });

  it('finds nothing between versions with equal digests', () => {
    expect(compareVersions({ A: 'x' }, { A: 'x' })).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
  });
});
