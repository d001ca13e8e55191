import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { MAX_BODY_BYTES, hasDuplicateKey, jsonBody } from './jsonBody';

const CANARY = 'canary-value-51d2';

function app() {
  const server = express();
  server.use(jsonBody());
  server.post('/', (req, res) => {
    res.json({ received: req.body });
  });
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return server;
}

function post(body: string, contentType = 'application/json') {
  return request(app()).post('/').set('Content-Type', contentType).send(body);
}

describe('hasDuplicateKey', () => {
  it.each([
    ['{"a":1,"a":2}', true],
    ['{"a":1,"\\u0061":2}', true],
    ['{"set":{"K":"x","K":"y"}}', true],
    ['[{"a":1},{"a":1,"b":{"a":1,"a":2}}]', true],
    ['{"a":{"b":1},"b":{"a":1}}', false],
    ['{"a":"a","b":["a","a"],"c":"\\"a\\""}', false],
    ['{"a\\"":1,"a":2}', false],
    ['[{"a":1},{"a":1}]', false],
    ['{"a":1,', false],
  ])('%s: %s', (text, expected) => {
    expect(hasDuplicateKey(text)).toBe(expected);
  });
});

describe('jsonBody', () => {
  it('parses a JSON object', async () => {
    const response = await post('{"set":{"A":"1"}}');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: { set: { A: '1' } } });
  });

  it('refuses a key that appears twice, naming neither key nor value', async () => {
    const response = await post(
      `{"environments":["dev"],"set":{"${CANARY}_K":"${CANARY}","${CANARY}_K":"other"}}`,
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      name: 'InputError',
      message:
        'The request body has an object in which a key appears twice; give each key once',
    });
    expect(JSON.stringify(response.body)).not.toContain(CANARY);
  });

  it('refuses invalid JSON without quoting it', async () => {
    const response = await post(`{"set":{"A":"${CANARY}"`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'The request body is not valid JSON',
    );
    expect(JSON.stringify(response.body)).not.toContain(CANARY);
  });

  it('refuses a body over the limit', async () => {
    const response = await post(
      JSON.stringify({ a: 'x'.repeat(MAX_BODY_BYTES) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      `larger than ${MAX_BODY_BYTES} bytes`,
    );
  });

  it('refuses a body that does not decode in its charset', async () => {
    const response = await request(app())
      .post('/')
      .set('Content-Type', 'application/json; charset=utf-8')
      .serialize(body => body)
      .send(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
  });
});
