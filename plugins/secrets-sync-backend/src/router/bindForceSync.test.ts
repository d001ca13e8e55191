import request from 'supertest';
import { routerHarness } from '../__testUtils__/routerHarness';

const SYNC = '/entities/component/default/web/environments';

describe('POST …/environments/:environment/sync', () => {
  it('asks the engine to re-read AWS and audits the request', async () => {
    const { app, user, secretsSync, audit } = await routerHarness();
    const res = await request(app)
      .post(`${SYNC}/dev/sync`)
      .set('authorization', user)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      environment: 'dev',
      targets: ['namespace/sites-web'],
    });
    expect(secretsSync.forceSync).toHaveBeenCalledTimes(1);
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'sync-force',
        outcome: 'success',
        outcomeMeta: expect.objectContaining({
          entityRef: 'component:default/web',
          environment: 'dev',
          accountId: '111111111111',
          outcome: 'requested',
        }),
      }),
    ]);
  });

  it('answers 403 without the permission, audits the refusal and syncs nothing', async () => {
    const { app, user, secretsSync, audit } = await routerHarness({
      deny: ['secrets-sync.sync.trigger'],
    });
    const res = await request(app)
      .post(`${SYNC}/dev/sync`)
      .set('authorization', user)
      .send({});
    expect(res.status).toBe(403);
    expect(secretsSync.forceSync).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({ eventId: 'sync-force', outcome: 'fail' }),
    ]);
  });

  it('needs a confirmation in a restricted environment, saying how to give it', async () => {
    const { app, user, secretsSync } = await routerHarness();
    const refused = await request(app)
      .post(`${SYNC}/prod/sync`)
      .set('authorization', user)
      .send({});
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      'prod is restricted: set confirmRestricted to true to force a sync there',
    );
    const confirmed = await request(app)
      .post(`${SYNC}/prod/sync`)
      .set('authorization', user)
      .send({ confirmRestricted: true });
    expect(confirmed.status).toBe(200);
    expect(secretsSync.forceSync).toHaveBeenCalledTimes(1);
  });

  it('answers 429 with Retry-After past the per-user limit', async () => {
    const { app, user, secretsSync } = await routerHarness();
    for (let i = 0; i < 2; i++) {
      await request(app)
        .post(`${SYNC}/dev/sync`)
        .set('authorization', user)
        .send({})
        .expect(200);
    }
    const res = await request(app)
      .post(`${SYNC}/dev/sync`)
      .set('authorization', user)
      .send({});
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(secretsSync.forceSync).toHaveBeenCalledTimes(2);
  });

  it('answers a service principal 403: a mutation is a person’s', async () => {
    const { app, service, secretsSync } = await routerHarness();
    const res = await request(app)
      .post(`${SYNC}/dev/sync`)
      .set('authorization', service)
      .send({});
    expect(res.status).toBe(403);
    expect(secretsSync.forceSync).not.toHaveBeenCalled();
  });
});
