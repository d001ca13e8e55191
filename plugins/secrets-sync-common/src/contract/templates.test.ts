import {
  renderTemplate,
  tenantKeyFromNamespace,
  validateTemplate,
} from './templates';

describe('contract templates', () => {
  it('renders the tenant key at every placeholder', () => {
    expect(renderTemplate('sites-{tenant}', 'web')).toBe('sites-web');
    expect(renderTemplate('{tenant}-{tenant}', 'web')).toBe('web-web');
  });

  it.each([
    ['sites-{tenant}', 'sites-web', 'web'],
    ['sites/{tenant}/build', 'sites/web/build', 'web'],
    ['{tenant}-{tenant}', 'web-web', 'web'],
    ['{tenant}', 'web', 'web'],
  ])(
    'recovers the tenant key from a name %s renders',
    (template, name, key) => {
      expect(tenantKeyFromNamespace(template, name)).toBe(key);
    },
  );

  it.each([
    ['sites-{tenant}', 'sites-'],
    ['sites-{tenant}', 'other-web'],
    ['sites/{tenant}/build', 'sites/web/runtime'],
    ['{tenant}-{tenant}', 'web-api'],
    ['{tenant}-{tenant}', 'web-webx'],
    ['fixed', 'fixed'],
  ])(
    'recovers nothing from a name %s does not render (%s)',
    (template, name) => {
      expect(tenantKeyFromNamespace(template, name)).toBeUndefined();
    },
  );

  it('accepts a template holding {tenant} and no other brace', () => {
    expect(validateTemplate('sites-{tenant}')).toBeUndefined();
    expect(validateTemplate('{tenant}-{tenant}')).toBeUndefined();
  });

  it('refuses a template without {tenant}, or with a misspelt placeholder', () => {
    expect(validateTemplate('static')).toBe('"static" must contain {tenant}');
    expect(validateTemplate('sites-{Tenant}')).toMatch(
      /must contain \{tenant\}/,
    );
    expect(validateTemplate('{tenant}-{site}')).toMatch(
      /has a brace outside \{tenant\}/,
    );
  });
});
