import { NotAllowedError } from '@backstage/errors';
import request from 'supertest';
import { routerHarness } from '../__testUtils__/routerHarness';

const ENABLED = (env: string) =>
  `/entities/component/default/web/environments/${env}/enabled`;

describe('PUT …/environments/:environment/enabled', () => {
  it.each([true, false])(
    'sets sync to %s and audits it with the choice',
    async enabled => {
      const { app, user, secretsSync, audit } = await routerHarness();
      const res = await request(app)
        .put(ENABLED('dev'))
        .set('authorization', user)
        .send({ enabled });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ environment: 'dev', enabled });
      expect(secretsSync.setEnabled).toHaveBeenCalledWith(
        expect.objectContaining({ entityRef: 'component:default/web' }),
        enabled,
      );
      expect(audit.events).toEqual([
        expect.objectContaining({
          eventId: 'sync-configure',
          outcome: 'success',
          outcomeMeta: expect.objectContaining({
            enabled,
            outcome: 'applied',
          }),
        }),
      ]);
    },
  );

  it('guards disabling a restricted environment as it guards enabling', async () => {
    const { app, user, secretsSync } = await routerHarness();
    const unconfirmed = await request(app)
      .put(ENABLED('prod'))
      .set('authorization', user)
      .send({ enabled: false });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.message).toContain(
      'set confirmRestricted to true to disable sync there',
    );
    expect(secretsSync.setEnabled).not.toHaveBeenCalled();
  });

  it('answers 403 without the restricted permission, before asking for a confirmation', async () => {
    const { app, user, secretsSync, audit } = await routerHarness({
      deny: ['secrets-sync.secret.write-restricted'],
    });
    const res = await request(app)
      .put(ENABLED('prod'))
      .set('authorization', user)
      .send({ enabled: true });
    expect(res.status).toBe(403);
    expect(secretsSync.targetsFor).not.toHaveBeenCalled();
    expect(secretsSync.setEnabled).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({
        outcome: 'fail',
        meta: expect.objectContaining({
          environment: 'prod',
          accountId: '222222222222',
        }),
      }),
    ]);
  });

  it('refuses a body without a boolean `enabled`, naming the field', async () => {
    const { app, user, secretsSync } = await routerHarness();
    const res = await request(app)
      .put(ENABLED('dev'))
      .set('authorization', user)
      .send({ enabled: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/enabled/);
    expect(secretsSync.setEnabled).not.toHaveBeenCalled();
  });

  it('answers 403 when the platform has not bound the namespace, changing nothing', async () => {
    const { app, user, secretsSync } = await routerHarness();
    secretsSync.assertBound.mockRejectedValueOnce(
      new NotAllowedError('sites-web is not bound to component:default/web'),
    );
    const res = await request(app)
      .put(ENABLED('dev'))
      .set('authorization', user)
      .send({ enabled: true });
    expect(res.status).toBe(403);
    expect(secretsSync.setEnabled).not.toHaveBeenCalled();
  });
});
