import { NotFoundError } from '@backstage/errors';
import request from 'supertest';
import { routerHarness } from '../__testUtils__/routerHarness';

describe('the read routes', () => {
  it('GET /environments lists the configured environments', async () => {
    const { app, user } = await routerHarness();
    const res = await request(app)
      .get('/environments')
      .set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('GET …/topology answers the topology of a permitted entity', async () => {
    const { app, user, secretsSync } = await routerHarness();
    const res = await request(app)
      .get('/entities/component/default/web/topology')
      .set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/web');
    expect(secretsSync.getTopology).toHaveBeenCalledTimes(1);
  });

  it('GET …/topology answers 403 without the read permission', async () => {
    const { app, user, secretsSync } = await routerHarness({
      deny: ['secrets-sync.topology.read'],
    });
    const res = await request(app)
      .get('/entities/component/default/web/topology')
      .set('authorization', user);
    expect(res.status).toBe(403);
    expect(secretsSync.getTopology).not.toHaveBeenCalled();
  });

  it('GET …/topology answers 404 when the catalog answers with another entity', async () => {
    const { app, user, secretsSync } = await routerHarness();
    secretsSync.resolveEntity.mockResolvedValueOnce({
      entity: {} as never,
      entityRef: 'component:default/other',
      optedIn: true,
    });
    const res = await request(app)
      .get('/entities/component/default/web/topology')
      .set('authorization', user);
    expect(res.status).toBe(404);
    expect(secretsSync.getTopology).not.toHaveBeenCalled();
  });

  it('GET …/topology answers 404 for an entity the user cannot see', async () => {
    const { app, user, secretsSync } = await routerHarness();
    secretsSync.resolveEntity.mockRejectedValueOnce(
      new NotFoundError('Entity component:default/web was not found'),
    );
    const res = await request(app)
      .get('/entities/component/default/web/topology')
      .set('authorization', user);
    expect(res.status).toBe(404);
  });

  it('GET /fleet passes the filters and authorizes every entity in one batch', async () => {
    const { app, user, fleet, authorize } = await routerHarness({
      deny: ['secrets-sync.topology.read'],
    });
    fleet.summarize.mockImplementationOnce(async ({ authorize: allowed }) => {
      const visible = await allowed([
        'component:default/a',
        'component:default/b',
      ]);
      return {
        items: [],
        totalEntities: visible.size,
        statusCounts: {},
        offset: 0,
        limit: 10,
      };
    });
    const res = await request(app)
      .get('/fleet?environment=dev&limit=10')
      .set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.totalEntities).toBe(0);
    expect(fleet.summarize).toHaveBeenCalledWith(
      expect.objectContaining({
        filters: expect.objectContaining({ environment: 'dev', limit: 10 }),
      }),
    );
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(authorize.mock.calls[0][0]).toHaveLength(2);
  });
});
