import {
  canonicalEntityRef,
  parseEntityParams,
  sameEntityRef,
} from './entityParams';

const RULES: Record<string, string> = {
  kind: 'a catalog kind',
  namespace: 'a catalog namespace',
  name: 'a catalog entity name',
};

const params = (kind: string, namespace: string, name: string) => ({
  kind,
  namespace,
  name,
});

describe('parseEntityParams', () => {
  it('returns the canonical lower-case parts', () => {
    expect(
      parseEntityParams(params('Component', 'Default', 'Web.Site_2')),
    ).toEqual({ kind: 'component', namespace: 'default', name: 'web.site_2' });
  });

  it.each([
    ['kind', params('..', 'default', 'web')],
    ['kind', params('.', 'default', 'web')],
    ['kind', params('component/x', 'default', 'web')],
    ['kind', params('', 'default', 'web')],
    ['namespace', params('component', '..', 'web')],
    ['namespace', params('component', 'a/b', 'web')],
    ['namespace', params('component', 'under_score', 'web')],
    ['name', params('component', 'default', '..')],
    ['name', params('component', 'default', '.')],
    ['name', params('component', 'default', 'by-uid/123')],
    ['name', params('component', 'default', 'x'.repeat(64))],
    // the Kelvin sign lower-cases to an ASCII k
    ['kind', params('\u212Aind', 'default', 'web')],
    ['name', params('component', 'default', 'we\u0000b')],
  ])('refuses a bad %s with a message that does not quote it', (part, bad) => {
    expect(() => parseEntityParams(bad)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: `The entity ${part} in the request path is not ${RULES[part]}`,
      }),
    );
  });

  it('refuses a part that is not a string', () => {
    expect(() =>
      parseEntityParams({ kind: 'component', namespace: 'default' } as never),
    ).toThrow(
      'The entity name in the request path is not a catalog entity name',
    );
  });
});

describe('sameEntityRef', () => {
  it.each([
    ['component:default/web', 'Component:Default/Web', true],
    ['component:web', 'component:default/web', true],
    ['component:default/web', 'component:default/web2', false],
    ['component:default/web', 'system:default/web', false],
    ['not a ref', 'not a ref', false],
    ['web', 'web', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameEntityRef(a, b)).toBe(same);
  });

  it('canonicalises a full ref', () => {
    expect(canonicalEntityRef('Component:web')).toBe('component:default/web');
    expect(canonicalEntityRef('web')).toBeUndefined();
  });
});
