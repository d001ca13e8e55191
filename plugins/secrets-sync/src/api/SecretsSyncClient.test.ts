import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SecretsSyncClient } from './SecretsSyncClient';
import { singleEnvironmentTopology } from '../__testUtils__/topologyFixtures';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://backstage.test';
const api = `${baseUrl}/api/secrets-sync`;
const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };

function client() {
  return new SecretsSyncClient({
    discoveryApi: mockApis.discovery({ baseUrl }),
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
}

describe('SecretsSyncClient', () => {
  it('reads an entity topology from the entity-scoped route', async () => {
    let requestedPath = '';
    server.use(
      http.get(
        `${api}/entities/:kind/:namespace/:name/topology`,
        ({ request }) => {
          requestedPath = new URL(request.url).pathname;
          return HttpResponse.json(singleEnvironmentTopology);
        },
      ),
    );

    const topology = await client().getEntityTopology(entity);

    expect(requestedPath).toBe(
      '/api/secrets-sync/entities/component/default/checkout/topology',
    );
    expect(topology.environments.map(e => e.status)).toEqual(['synced']);
  });

  it('asks for a page of the fleet with the filters set, leaving empty ones out', async () => {
    let query: Record<string, string> = {};
    server.use(
      http.get(`${api}/fleet`, ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json({
          items: [],
          totalEntities: 0,
          statusCounts: {},
          offset: 50,
          limit: 50,
        });
      }),
    );

    const page = await client().getFleetStatus({
      status: 'drifted',
      engine: 'namespace-annotation',
      search: 'pay ledger',
      owner: '',
      offset: 50,
      limit: 50,
    });

    expect(query).toEqual({
      status: 'drifted',
      engine: 'namespace-annotation',
      search: 'pay ledger',
      offset: '50',
      limit: '50',
    });
    expect(page.totalEntities).toBe(0);
  });

  it('lists environments', async () => {
    server.use(
      http.get(`${api}/environments`, () =>
        HttpResponse.json({
          items: singleEnvironmentTopology.environments.map(e => e.environment),
        }),
      ),
    );

    await expect(client().listEnvironments()).resolves.toEqual([
      expect.objectContaining({ name: 'dev', restricted: false }),
    ]);
  });

  it('posts the write request as JSON and returns per-environment results', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${api}/entities/component/default/checkout/values`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({
            results: [
              {
                environment: 'dev',
                outcome: 'written',
                versionId: 'v2',
                keys: ['A'],
                syncRequested: true,
              },
            ],
          });
        },
      ),
    );

    const response = await client().writeValues(entity, {
      environments: ['dev'],
      set: { A: 'canary-value' },
      unset: ['B'],
    });

    expect(body).toEqual({
      environments: ['dev'],
      set: { A: 'canary-value' },
      unset: ['B'],
    });
    expect(response.results[0]).toMatchObject({
      outcome: 'written',
      syncRequested: true,
    });
  });

  it('forces a sync of one environment', async () => {
    server.use(
      http.post(
        `${api}/entities/component/default/checkout/environments/dev/sync`,
        () =>
          HttpResponse.json({
            environment: 'dev',
            requestedAt: '2026-11-23T10:00:00Z',
          }),
      ),
    );

    await expect(client().forceSync(entity, 'dev')).resolves.toMatchObject({
      environment: 'dev',
    });
  });

  it('sends the enabled flag with PUT', async () => {
    let body: unknown;
    server.use(
      http.put(
        `${api}/entities/component/default/checkout/environments/prod/enabled`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({ environment: 'prod', enabled: false });
        },
      ),
    );

    await client().setSyncEnabled(entity, 'prod', false);
    expect(body).toEqual({ enabled: false });

    await client().setSyncEnabled(entity, 'prod', false, {
      confirmRestricted: true,
    });
    expect(body).toEqual({ enabled: false, confirmRestricted: true });
  });

  it('sends the confirmation of a restricted force sync', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${api}/entities/component/default/checkout/environments/prod/sync`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({
            environment: 'prod',
            requestedAt: '2026-11-23T10:00:00Z',
          });
        },
      ),
    );

    await client().forceSync(entity, 'prod', { confirmRestricted: true });

    expect(body).toEqual({ confirmRestricted: true });
  });

  it("surfaces the backend's error message as a ResponseError", async () => {
    server.use(
      http.post(`${api}/entities/component/default/checkout/values`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Writing to prod requires confirmRestricted: true',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );

    const failure = await client()
      .writeValues(entity, { environments: ['prod'], set: { A: 'x' } })
      .catch(e => e);

    expect(failure).toBeInstanceOf(ResponseError);
    expect(failure.statusCode).toBe(403);
    expect(failure.cause).toMatchObject({
      name: 'NotAllowedError',
      message: 'Writing to prod requires confirmRestricted: true',
    });
  });
});
