import request from 'supertest';
import { UpstreamError } from '../lib/infra/upstreamErrors';
import { ROUTER_CANARY, routerHarness } from '../__testUtils__/routerHarness';

const VALUES = '/entities/component/default/web/values';

describe('POST …/values', () => {
  it('writes each environment and answers one result each', async () => {
    const { app, user, secretsSync, audit, fleet } = await routerHarness();
    const res = await request(app)
      .post(VALUES)
      .set('authorization', user)
      .send({
        environments: ['dev'],
        set: { API_TOKEN: ROUTER_CANARY },
      });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({
        environment: 'dev',
        outcome: 'written',
        versionId: 'v-dev',
      }),
    ]);
    expect(secretsSync.writeValues).toHaveBeenCalledTimes(1);
    // the fleet summary derives the entity's statuses again, not from its memo
    expect(fleet.forget).toHaveBeenCalledWith('component:default/web');
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'secret-write',
        outcome: 'success',
        outcomeMeta: expect.objectContaining({
          keyNames: ['API_TOKEN'],
          versionId: 'v-dev',
        }),
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(ROUTER_CANARY);
    expect(audit.text()).not.toContain(ROUTER_CANARY);
  });

  it('checks every environment before writing any: no confirmation for prod, nothing written in dev', async () => {
    const { app, user, secretsSync, audit } = await routerHarness();
    const res = await request(app)
      .post(VALUES)
      .set('authorization', user)
      .send({ environments: ['dev', 'prod'], set: { A: ROUTER_CANARY } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'prod is restricted: set confirmRestricted to true to write there',
    );
    expect(secretsSync.writeValues).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({
        outcome: 'fail',
        meta: expect.objectContaining({
          environment: 'dev, prod',
          keyNames: ['A'],
          outcome: 'refused',
        }),
      }),
    ]);
    expect(audit.text()).not.toContain(ROUTER_CANARY);
  });

  it('audits a refused write with only the key names that are valid', async () => {
    const { app, user, audit } = await routerHarness();
    const res = await request(app)
      .post(VALUES)
      .set('authorization', user)
      .send({
        environments: ['dev'],
        set: { GOOD_KEY: 'x', [`bad key ${ROUTER_CANARY}`]: 'y' },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).not.toContain(ROUTER_CANARY);
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0].meta.keyNames).toEqual(['GOOD_KEY']);
    expect(audit.text()).not.toContain(ROUTER_CANARY);
  });

  it('answers 200 with a failed result for one environment when another succeeded', async () => {
    const { app, user, secretsSync } = await routerHarness();
    secretsSync.writeValues.mockImplementation(async target => {
      if (target.environment.name === 'prod') {
        throw new UpstreamError({
          hop: 'aws',
          reason: 'unreachable',
          message: 'AWS Secrets Manager in account 222222222222 did not answer',
        });
      }
      return { environment: 'dev', outcome: 'written', versionId: 'v-dev' };
    });
    const res = await request(app)
      .post(VALUES)
      .set('authorization', user)
      .send({
        environments: ['dev', 'prod'],
        set: { A: 'x' },
        confirmRestricted: true,
      });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({ environment: 'dev', outcome: 'written' }),
      expect.objectContaining({
        environment: 'prod',
        outcome: 'failed',
        error: expect.objectContaining({ code: 'unreachable' }),
      }),
    ]);
  });

  it('names every environment when the write failed everywhere', async () => {
    const { app, user, secretsSync } = await routerHarness();
    secretsSync.writeValues.mockImplementation(async target => {
      throw new UpstreamError({
        hop: 'aws',
        reason: 'unreachable',
        message: `account ${target.environment.aws.accountId} did not answer`,
      });
    });
    const res = await request(app)
      .post(VALUES)
      .set('authorization', user)
      .send({
        environments: ['dev', 'prod'],
        set: { A: 'x' },
        confirmRestricted: true,
      });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.body.error.message).toBe(
      'dev: account 111111111111 did not answer; prod: account 222222222222 did not answer',
    );
  });

  it('answers 429 with Retry-After past the write limit', async () => {
    const { app, user, secretsSync } = await routerHarness({
      writesPerWindow: 1,
    });
    const body = { environments: ['dev'], set: { A: 'x' } };
    await request(app)
      .post(VALUES)
      .set('authorization', user)
      .send(body)
      .expect(200);
    const res = await request(app)
      .post(VALUES)
      .set('authorization', user)
      .send(body);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(secretsSync.writeValues).toHaveBeenCalledTimes(1);
  });
});
