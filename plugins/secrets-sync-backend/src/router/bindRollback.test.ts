import request from 'supertest';
import { routerHarness } from '../__testUtils__/routerHarness';

const ENV = '/entities/component/default/web/environments';

describe('POST …/environments/:environment/rollback', () => {
  it('rolls back, answers the versions, and audits it', async () => {
    const { app, user, history, audit } = await routerHarness();
    const res = await request(app)
      .post(`${ENV}/dev/rollback`)
      .set('authorization', user)
      .send({ versionId: 'v-old' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      environment: 'dev',
      versionId: 'v-old',
      previousVersionId: 'v-current',
      syncRequested: true,
    });
    expect(history.rollback).toHaveBeenCalledWith(
      expect.objectContaining({
        versionId: 'v-old',
        actor: 'user:default/mock',
      }),
    );
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'secret-rollback',
        outcome: 'success',
        outcomeMeta: expect.objectContaining({
          entityRef: 'component:default/web',
          environment: 'dev',
          accountId: '111111111111',
          versionId: 'v-old',
          previousVersionId: 'v-current',
          outcome: 'rolled-back',
        }),
      }),
    ]);
  });

  it('answers 403 without the rollback permission, audits the refusal and moves nothing', async () => {
    const { app, user, history, audit } = await routerHarness({
      deny: ['secrets-sync.secret.rollback'],
    });
    const res = await request(app)
      .post(`${ENV}/dev/rollback`)
      .set('authorization', user)
      .send({ versionId: 'v-old' });
    expect(res.status).toBe(403);
    expect(history.rollback).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({ eventId: 'secret-rollback', outcome: 'fail' }),
    ]);
  });

  it('needs the restricted permission and a confirmation in a restricted environment', async () => {
    const denied = await routerHarness({
      deny: ['secrets-sync.secret.write-restricted'],
    });
    const forbidden = await request(denied.app)
      .post(`${ENV}/prod/rollback`)
      .set('authorization', denied.user)
      .send({ versionId: 'v-old', confirmRestricted: true });
    expect(forbidden.status).toBe(403);
    expect(denied.history.rollback).not.toHaveBeenCalled();

    const { app, user, history } = await routerHarness();
    const unconfirmed = await request(app)
      .post(`${ENV}/prod/rollback`)
      .set('authorization', user)
      .send({ versionId: 'v-old' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.message).toBe(
      'prod is restricted: set confirmRestricted to true to roll back there',
    );
    const confirmed = await request(app)
      .post(`${ENV}/prod/rollback`)
      .set('authorization', user)
      .send({ versionId: 'v-old', confirmRestricted: true });
    expect(confirmed.status).toBe(200);
    expect(history.rollback).toHaveBeenCalledTimes(1);
  });

  it('refuses a malformed version id without quoting it', async () => {
    const { app, user, history } = await routerHarness();
    const res = await request(app)
      .post(`${ENV}/dev/rollback`)
      .set('authorization', user)
      .send({ versionId: '<script>x</script>' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('<script>');
    expect(history.rollback).not.toHaveBeenCalled();
  });

  it('counts against the write rate limit', async () => {
    const { app, user, history } = await routerHarness({ writesPerWindow: 1 });
    await request(app)
      .post(`${ENV}/dev/rollback`)
      .set('authorization', user)
      .send({ versionId: 'v-old' })
      .expect(200);
    const res = await request(app)
      .post(`${ENV}/dev/rollback`)
      .set('authorization', user)
      .send({ versionId: 'v-old' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(history.rollback).toHaveBeenCalledTimes(1);
  });
});
