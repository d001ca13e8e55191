import { InputError } from '@backstage/errors';
import request from 'supertest';
import { TenantNotBoundError } from '../lib/infra/TenantNotBoundError';
import { ROUTER_CANARY, routerHarness } from '../__testUtils__/routerHarness';

const ENVS = '/entities/component/default/web/environments';
const WEB = { kind: 'Deployment', name: 'web' };

describe('POST …/environments/:environment/workloads/restart', () => {
  it('restarts the planned workloads and audits which ones', async () => {
    const { app, user, workloads, audit } = await routerHarness();
    const res = await request(app)
      .post(`${ENVS}/dev/workloads/restart`)
      .set('authorization', user)
      .send({ workloads: [WEB] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      environment: 'dev',
      workloads: [expect.objectContaining({ ...WEB, phase: 'waiting' })],
    });
    expect(workloads.restart).toHaveBeenCalledTimes(1);
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'workload-restart',
        outcome: 'success',
        outcomeMeta: expect.objectContaining({
          entityRef: 'component:default/web',
          environment: 'dev',
          accountId: '111111111111',
          namespace: 'sites-web',
          workloads: ['Deployment/web'],
          outcome: 'restarted',
        }),
      }),
    ]);
  });

  it('answers 403 without the restart permission, audits the refusal and restarts nothing', async () => {
    const { app, user, workloads, audit } = await routerHarness({
      deny: ['secrets-sync.workload.restart'],
    });
    const res = await request(app)
      .post(`${ENVS}/dev/workloads/restart`)
      .set('authorization', user)
      .send({ workloads: [WEB] });
    expect(res.status).toBe(403);
    expect(workloads.plan).not.toHaveBeenCalled();
    expect(workloads.restart).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({ eventId: 'workload-restart', outcome: 'fail' }),
    ]);
  });

  it('needs the restricted permission and a confirmation in a restricted environment', async () => {
    const denied = await routerHarness({
      deny: ['secrets-sync.secret.write-restricted'],
    });
    await request(denied.app)
      .post(`${ENVS}/prod/workloads/restart`)
      .set('authorization', denied.user)
      .send({ workloads: [WEB], confirmRestricted: true })
      .expect(403);
    expect(denied.workloads.restart).not.toHaveBeenCalled();

    const { app, user, workloads } = await routerHarness();
    const unconfirmed = await request(app)
      .post(`${ENVS}/prod/workloads/restart`)
      .set('authorization', user)
      .send({ workloads: [WEB] });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.message).toBe(
      'prod is restricted: set confirmRestricted to true to restart workloads there',
    );
    await request(app)
      .post(`${ENVS}/prod/workloads/restart`)
      .set('authorization', user)
      .send({ workloads: [WEB], confirmRestricted: true })
      .expect(200);
    expect(workloads.restart).toHaveBeenCalledTimes(1);
  });

  it('refuses a workload the backend did not find consuming the Secret, without quoting it', async () => {
    const { app, user, workloads, audit } = await routerHarness();
    workloads.plan.mockRejectedValueOnce(
      new InputError(
        'Only the workloads found reading the Secret can be restarted',
      ),
    );
    const res = await request(app)
      .post(`${ENVS}/dev/workloads/restart`)
      .set('authorization', user)
      .send({ workloads: [{ kind: 'Deployment', name: 'someone-elses' }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('someone-elses');
    expect(workloads.restart).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({ eventId: 'workload-restart', outcome: 'fail' }),
    ]);
  });

  it('keeps whatever a refused request carried out of the answer and the audit', async () => {
    const { app, user, workloads, audit } = await routerHarness();
    workloads.plan.mockRejectedValueOnce(
      new InputError(
        'Only the workloads found reading the Secret can be restarted',
      ),
    );
    const res = await request(app)
      .post(`${ENVS}/prod/workloads/restart`)
      .set('authorization', user)
      .send({
        workloads: [{ kind: 'Deployment', name: ROUTER_CANARY }],
        confirmRestricted: true,
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain(ROUTER_CANARY);
    expect(audit.text()).not.toContain(ROUTER_CANARY);
  });

  it('refuses kinds the portal does not restart and empty lists before any check', async () => {
    const { app, user, workloads } = await routerHarness();
    for (const body of [
      { workloads: [{ kind: 'CronJob', name: 'nightly' }] },
      { workloads: [] },
      {},
    ]) {
      await request(app)
        .post(`${ENVS}/dev/workloads/restart`)
        .set('authorization', user)
        .send(body)
        .expect(400);
    }
    expect(workloads.plan).not.toHaveBeenCalled();
  });

  it('answers 429 with Retry-After past the per-user limit', async () => {
    const { app, user, workloads } = await routerHarness();
    for (let i = 0; i < 2; i++) {
      await request(app)
        .post(`${ENVS}/dev/workloads/restart`)
        .set('authorization', user)
        .send({ workloads: [WEB] })
        .expect(200);
    }
    const res = await request(app)
      .post(`${ENVS}/dev/workloads/restart`)
      .set('authorization', user)
      .send({ workloads: [WEB] });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(workloads.restart).toHaveBeenCalledTimes(2);
  });

  it('answers a service principal 403: a restart is a person’s', async () => {
    const { app, service, workloads } = await routerHarness();
    await request(app)
      .post(`${ENVS}/dev/workloads/restart`)
      .set('authorization', service)
      .send({ workloads: [WEB] })
      .expect(403);
    expect(workloads.restart).not.toHaveBeenCalled();
  });
});

describe('GET …/environments/:environment/workloads/rollouts', () => {
  it('answers the rollouts to whoever may read the topology', async () => {
    const { app, user, workloads } = await routerHarness();
    const res = await request(app)
      .get(`${ENVS}/dev/workloads/rollouts`)
      .set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ environment: 'dev', workloads: [] });
    expect(workloads.rollouts).toHaveBeenCalledTimes(1);
  });

  it('answers 403 without the topology permission', async () => {
    const { app, user, workloads } = await routerHarness({
      deny: ['secrets-sync.topology.read'],
    });
    await request(app)
      .get(`${ENVS}/dev/workloads/rollouts`)
      .set('authorization', user)
      .expect(403);
    expect(workloads.rollouts).not.toHaveBeenCalled();
  });

  it('answers 403 where the platform has not bound the namespace', async () => {
    const { app, user, workloads, secretsSync } = await routerHarness();
    secretsSync.assertBound.mockRejectedValueOnce(
      new TenantNotBoundError('The platform has not bound this namespace'),
    );
    const res = await request(app)
      .get(`${ENVS}/dev/workloads/rollouts`)
      .set('authorization', user);
    expect(res.status).toBe(403);
    expect(workloads.rollouts).not.toHaveBeenCalled();
  });
});
