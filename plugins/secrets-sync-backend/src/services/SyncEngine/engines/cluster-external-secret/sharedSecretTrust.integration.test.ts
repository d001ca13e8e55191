import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { secretsSyncPlugin } from '../../../../plugin';
import {
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import { devClients } from '../external-secret/__testUtils__/realEso';

// a first write assumes a role and reads the cluster; slow on a busy machine
jest.setTimeout(30_000);

/**
 * Who may write a shared secret: the platform's tenant list binds its key
 * to the catalog Resource that represents it, so a tenant whose
 * catalog-info.yaml claims the same key for a Component is refused, even
 * where the permission framework allows the caller everything.
 */
describe('a shared secret of the cluster-external-secret engine', () => {
  const sharedKey = uniqueName('shared');
  const canary = `CANARY-shared-${Math.random().toString(36).slice(2)}`;
  const annotations = {
    'secrets-sync.io/tenant-key': sharedKey,
    'secrets-sync.io/environments': 'dev-shared',
  };
  const resource: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: sharedKey, namespace: 'default', annotations },
    spec: { type: 'secret', owner: 'group:default/platform-team' },
  };
  // a tenant's own catalog-info.yaml, pointing at the shared secret's key
  const impostor: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `${sharedKey}-app`, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
  const config = sandboxConfigData();
  const [dev] = config.secretsSync.environments;
  Object.assign(config.secretsSync, { tenantKinds: ['component', 'resource'] });
  // the environment of the stack's dev cluster, on this engine, with the platform's tenant list
  Object.assign(config.secretsSync, {
    environments: [
      {
        ...dev,
        name: 'dev-shared',
        title: 'Development (shared secrets)',
        engine: { type: 'cluster-external-secret' },
        binding: { tenants: { [sharedKey]: `resource:default/${sharedKey}` } },
      },
    ],
  });
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const bodies: string[] = [];

  async function post(path: string, body: object) {
    const response = await request(server)
      .post(`/api/secrets-sync${path}`)
      .send(body);
    bodies.push(response.text);
    return response;
  }

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        secretsSyncPlugin,
        catalogServiceMock.factory({ entities: [resource, impostor] }),
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    }));
  });

  it('is written through its Resource, and refused to a Component claiming its key', async () => {
    const owner = await post(`/entities/resource/default/${sharedKey}/values`, {
      environments: ['dev-shared'],
      set: { TOKEN: `${canary}-platform` },
    });
    expect(owner.status).toBe(200);

    const write = await post(
      `/entities/component/default/${sharedKey}-app/values`,
      { environments: ['dev-shared'], set: { TOKEN: `${canary}-tenant` } },
    );
    expect(write.status).toBe(403);
    expect(write.body.error.message).toContain('binds tenant key');
    const sync = await post(
      `/entities/component/default/${sharedKey}-app/environments/dev-shared/sync`,
      {},
    );
    expect(sync.status).toBe(403);

    // the value in AWS is still the platform's
    const stored = await (
      await devClients().aws()
    ).send(new GetSecretValueCommand({ SecretId: `shared/${sharedKey}` }));
    expect(JSON.parse(stored.SecretString!)).toEqual({
      TOKEN: `${canary}-platform`,
    });
    // and neither answer tells the tenant who holds the key, or any value
    expect(write.text).not.toContain(`resource:default/${sharedKey}`);
    expect(bodies.join('\n')).not.toContain(canary);
  });
});
