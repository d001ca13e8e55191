import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createEntityMappingService } from './createEntityMappingService';

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string>,
  spec: object = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

describe('createEntityMappingService', () => {
  const user = mockCredentials.user('user:default/dev');
  const service = (entities: Entity[]) =>
    createEntityMappingService({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      tenantKeyPattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
      tenantKinds: ['component'],
    });

  it('defaults the tenant key to the entity name and reads its own environments', async () => {
    const web = entity('Component', 'web', {
      'secrets-sync.io/environments': ' dev ,prod,dev',
    });
    await expect(
      service([web]).resolve({
        entityRef: 'component:default/web',
        credentials: user,
      }),
    ).resolves.toMatchObject({
      entityRef: 'component:default/web',
      optedIn: true,
      mapping: {
        tenantKey: 'web',
        environments: ['dev', 'prod'],
        environmentsSource: 'entity',
      },
    });
  });

  it("inherits the environments of the entity's System, never its tenant key", async () => {
    const system = entity('System', 'shop', {
      'secrets-sync.io/environments': 'dev',
      'secrets-sync.io/tenant-key': 'shop',
    });
    const web = entity(
      'Component',
      'web',
      { 'secrets-sync.io/tenant-key': 'web-site' },
      { system: 'shop' },
    );
    const resolved = await service([system, web]).resolve({
      entityRef: 'component:default/web',
      credentials: user,
    });
    expect(resolved.mapping).toEqual({
      tenantKey: 'web-site',
      environments: ['dev'],
      environmentsSource: 'system',
    });
  });

  it('is not opted in without either annotation, even when its System has environments', async () => {
    const system = entity('System', 'shop', {
      'secrets-sync.io/environments': 'dev',
    });
    const web = entity('Component', 'web', {}, { system: 'shop' });
    await expect(
      service([system, web]).resolve({
        entityRef: 'component:default/web',
        credentials: user,
      }),
    ).resolves.toEqual({
      entity: web,
      entityRef: 'component:default/web',
      optedIn: false,
    });
  });

  it('finds a claimant that defaults to the same key by its name', async () => {
    const explicit = entity('Component', 'storefront', {
      'secrets-sync.io/tenant-key': 'web',
      'secrets-sync.io/environments': 'dev',
    });
    const byName = entity('Component', 'web', {
      'secrets-sync.io/environments': 'dev',
    });
    const unrelated = entity('Component', 'web-two', {
      'secrets-sync.io/tenant-key': 'web-2',
    });
    const mapping = service([explicit, byName, unrelated]);
    for (const ref of [
      'component:default/storefront',
      'component:default/web',
    ]) {
      const resolved = await mapping.resolve({
        entityRef: ref,
        credentials: user,
      });
      // a claimant learns that another exists, never which one
      expect(resolved.mapping?.conflict).toEqual({
        message: expect.stringContaining(
          'Another catalog entity also claims tenant key "web"',
        ),
        claimants: [ref],
      });
      expect(JSON.stringify(resolved.mapping)).not.toContain(
        ref.endsWith('/web') ? 'storefront' : 'component:default/web',
      );
    }
  });

  it('looks claimants up with its own credentials, so a claimant hidden from the user is still noticed', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () =>
        entity('Component', 'web', { 'secrets-sync.io/environments': 'dev' }),
      getEntities: async (_request, options) => {
        const { credentials } = options as {
          credentials: BackstageCredentials<{ type: string }>;
        };
        const hidden = entity('Component', 'hidden', {
          'secrets-sync.io/tenant-key': 'web',
        });
        return {
          items: credentials.principal.type === 'service' ? [hidden] : [],
        };
      },
    });
    const resolved = await createEntityMappingService({
      catalog,
      auth: mockServices.auth(),
      tenantKeyPattern: /.*/,
      tenantKinds: ['component'],
    }).resolve({
      entityRef: 'component:default/web',
      credentials: user,
    });
    expect(resolved.mapping?.conflict?.claimants).toEqual([
      'component:default/web',
    ]);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/web',
      { credentials: user },
    );
  });

  it('flags a tenant key outside the pattern as a conflict', async () => {
    const web = entity('Component', 'web', {
      'secrets-sync.io/tenant-key': 'Web_Site',
      'secrets-sync.io/environments': 'dev',
    });
    const resolved = await service([web]).resolve({
      entityRef: 'component:default/web',
      credentials: user,
    });
    expect(resolved.mapping?.conflict?.message).toContain(
      'Tenant key "Web_Site" does not match the allowed pattern',
    );
    expect(resolved.invalidTenantKey).toContain('does not match');
  });

  it('judges a tenant key with surrounding whitespace the same way in a view and in the fleet', async () => {
    const web = entity('Component', 'web', {
      'secrets-sync.io/tenant-key': 'web ',
      'secrets-sync.io/environments': 'dev',
    });
    const mapping = service([web]);
    const one = await mapping.resolve({
      entityRef: 'component:default/web',
      credentials: user,
    });
    const [all] = await mapping.resolveAll({ credentials: user });
    expect([one.mapping?.tenantKey, one.invalidTenantKey]).toEqual([
      'web ',
      expect.stringContaining('does not match'),
    ]);
    expect([all.mapping?.tenantKey, all.invalidTenantKey]).toEqual([
      one.mapping?.tenantKey,
      one.invalidTenantKey,
    ]);
  });

  it('never makes a System a tenant: its annotations are defaults for its components', async () => {
    const system = entity('System', 'shop', {
      'secrets-sync.io/environments': 'dev',
      'secrets-sync.io/tenant-key': 'shop',
    });
    const mapping = service([system]);
    await expect(
      mapping.resolve({ entityRef: 'system:default/shop', credentials: user }),
    ).resolves.toMatchObject({ optedIn: false });
    await expect(mapping.resolveAll({ credentials: user })).resolves.toEqual(
      [],
    );
  });

  it('answers 404 for an entity the user cannot see', async () => {
    await expect(
      service([]).resolve({
        entityRef: 'component:default/web',
        credentials: user,
      }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});
