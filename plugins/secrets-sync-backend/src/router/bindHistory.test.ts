import request from 'supertest';
import { routerHarness } from '../__testUtils__/routerHarness';

const ENV = '/entities/component/default/web/environments';

describe('GET …/environments/:environment/history', () => {
  it('answers the history of the bound environment', async () => {
    const { app, user, history, secretsSync } = await routerHarness();
    const res = await request(app)
      .get(`${ENV}/dev/history`)
      .set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ environment: 'dev', versions: [] });
    expect(secretsSync.assertBound).toHaveBeenCalledTimes(1);
    expect(history.getHistory).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/web' }),
    );
  });

  it('answers 403 without the topology read permission and reads nothing', async () => {
    const { app, user, history } = await routerHarness({
      deny: ['secrets-sync.topology.read'],
    });
    const res = await request(app)
      .get(`${ENV}/dev/history`)
      .set('authorization', user);
    expect(res.status).toBe(403);
    expect(history.getHistory).not.toHaveBeenCalled();
  });

  it('answers 400 for an environment that is not configured', async () => {
    const { app, user, history } = await routerHarness();
    const res = await request(app)
      .get(`${ENV}/staging/history`)
      .set('authorization', user);
    expect(res.status).toBe(400);
    expect(history.getHistory).not.toHaveBeenCalled();
  });

  it('answers other backends 403: the history is read for people', async () => {
    const { app, service, history } = await routerHarness();
    const res = await request(app)
      .get(`${ENV}/dev/history`)
      .set('authorization', service);
    expect(res.status).toBe(403);
    expect(history.getHistory).not.toHaveBeenCalled();
  });
});
