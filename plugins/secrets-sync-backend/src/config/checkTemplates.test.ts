import { isAnchoredPattern, templatesOverlap } from './checkTemplates';

describe('isAnchoredPattern', () => {
  it.each([
    ['^[a-z]+$', true],
    ['^(?:a|b)$', true],
    ['^[|]+$', true],
    ['^a\\|b$', true],
    ['^[a-z]([-a-z0-9]{0,55}[a-z0-9])?$', true],
    ['^a|b$', false],
    ['^a$|^b$', false],
    ['^a\\$', false],
    ['a$', false],
    ['^a', false],
    ['', false],
  ])('%s: %s', (source, anchored) => {
    expect(isAnchoredPattern(source)).toBe(anchored);
  });
});

describe('templatesOverlap', () => {
  it.each([
    ['sites-{tenant}', 'sites-{tenant}', true],
    ['sites-{tenant}', 'sites-{tenant}-qa', true],
    ['sites-{tenant}', 'sites-eu-{tenant}', true],
    ['prod-{tenant}', 'prod-eu-{tenant}', true],
    ['{tenant}', 'qa-{tenant}', true],
    ['sites-{tenant}', 'qa-{tenant}', false],
    ['sites-{tenant}-a', 'sites-{tenant}-b', false],
    ['sites/{tenant}/build', 'staging/{tenant}/build', false],
    ['sites/{tenant}/build', 'sites/{tenant}/runtime', false],
  ])('%s and %s: %s', (a, b, overlap) => {
    expect(templatesOverlap(a, b)).toBe(overlap);
    expect(templatesOverlap(b, a)).toBe(overlap);
  });
});
