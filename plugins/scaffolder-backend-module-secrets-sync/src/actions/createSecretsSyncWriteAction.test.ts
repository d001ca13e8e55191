import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createSecretsSyncWriteAction } from './createSecretsSyncWriteAction';

const CANARY = 'canary-scaffolder-5d1f0b';

interface Received {
  method: string;
  url: string;
  authorization?: string;
  body?: any;
}

/**
 * A stand-in for the secrets-sync backend on a real port: answers what each
 * test scripts and records what the action sent.
 */
function startBackend() {
  const received: Received[] = [];
  let answer: (req: Received) => { status: number; body: unknown } = () => ({
    status: 500,
    body: {},
  });
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', () => {
      const entry: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        ...(raw ? { body: JSON.parse(raw) } : {}),
      };
      received.push(entry);
      const { status, body } = answer(entry);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  return {
    received,
    answer(fn: typeof answer) {
      answer = fn;
    },
    async listen() {
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      return `http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/secrets-sync`;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

const topology = {
  entityRef: 'component:default/checkout-web',
  optedIn: true,
  environments: [
    { environment: { name: 'development', restricted: false } },
    { environment: { name: 'production', restricted: true } },
  ],
};

describe('secrets-sync:write', () => {
  const backend = startBackend();
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await backend.listen();
  });
  afterAll(() => backend.close());
  beforeEach(() => {
    backend.received.length = 0;
  });

  function setup(options: { allow?: boolean } = {}) {
    const action = createSecretsSyncWriteAction({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      permissions: mockServices.permissions.mock({
        // the policy's answer, as the permission framework's enum spells it
        authorize: async requests =>
          requests.map(() => ({
            result: (options.allow === false ? 'DENY' : 'ALLOW') as any,
          })),
      }),
    });
    const logged: string[] = [];
    const outputs: Record<string, unknown> = {};
    const context = (input: Record<string, unknown>, extra = {}) => ({
      ...createMockActionContext({
        input: {
          entityRef: 'component:default/checkout-web',
          environments: ['development'],
          keys: ['API_TOKEN'],
          ...input,
        } as any,
        secrets: { 'secretsSync.API_TOKEN': CANARY },
        logger: mockServices.logger.mock({
          info: (message: string) => logged.push(message),
          warn: (message: string) => logged.push(message),
          error: (message: string) => logged.push(message),
        } as any),
      }),
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/guest'),
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
      ...extra,
    });
    return { action, context, logged, outputs };
  }

  it("writes the task's secret values through the write route as the person who runs the task", async () => {
    backend.answer(req =>
      req.url.endsWith('/values')
        ? {
            status: 200,
            body: {
              results: [
                {
                  environment: 'development',
                  outcome: 'written',
                  versionId: 'v-7',
                },
              ],
            },
          }
        : { status: 200, body: { environment: 'development', enabled: true } },
    );
    const { action, context, logged, outputs } = setup();

    await action.handler(context({ enableSync: true }));

    const [write, enable] = backend.received;
    expect(write).toMatchObject({
      method: 'POST',
      url: '/api/secrets-sync/entities/component/default/checkout-web/values',
      body: {
        environments: ['development'],
        set: { API_TOKEN: CANARY },
        mode: 'merge',
        confirmRestricted: false,
      },
    });
    expect(write.authorization).toContain('user:default/guest');
    expect(enable).toMatchObject({
      url: '/api/secrets-sync/entities/component/default/checkout-web/environments/development/enabled',
      body: { enabled: true, confirmRestricted: false },
    });
    expect(outputs.results).toEqual([
      {
        environment: 'development',
        outcome: 'written',
        versionId: 'v-7',
        syncEnabled: true,
      },
    ]);
    expect(logged.join('\n')).toContain(
      'development: written (AWS version v-7)',
    );
    expect(JSON.stringify({ outputs, logged })).not.toContain(CANARY);
  });

  it('takes no value from the input: a key without a secret is refused before anything is sent', async () => {
    const { action, context } = setup();

    await expect(
      action.handler(
        context(
          { keys: ['API_TOKEN', 'DB_PASSWORD'], DB_PASSWORD: 'in-the-input' },
          {},
        ),
      ),
    ).rejects.toThrow(/No value for DB_PASSWORD in the task's secrets/);
    expect(backend.received).toEqual([]);
  });

  it('refuses an entityRef with a `..` part before anything is sent: the URL would resolve it to another entity', async () => {
    const { action, context } = setup();
    await expect(
      action.handler(context({ entityRef: 'component:../checkout-web' })),
    ).rejects.toThrow(
      'The entity namespace in entityRef is not a catalog namespace',
    );
    expect(backend.received).toEqual([]);
  });

  it('refuses an invalid key name by its position, without quoting it', async () => {
    const { action, context } = setup();

    const failure = action.handler(context({ keys: [`${CANARY}=x`] }));

    await expect(failure).rejects.toThrow(
      /^key 1 is not a valid environment variable name/,
    );
    await expect(failure).rejects.not.toThrow(CANARY);
    expect(backend.received).toEqual([]);
  });

  it("answers the route's refusal as a clear error, and writes nothing else", async () => {
    backend.answer(() => ({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'You are not allowed to secrets-sync.secret.write for component:default/checkout-web',
        },
      },
    }));
    const { action, context } = setup();

    await expect(action.handler(context({ enableSync: true }))).rejects.toThrow(
      'Writing the values: You are not allowed to secrets-sync.secret.write for component:default/checkout-web',
    );
    expect(backend.received.map(req => req.url)).toEqual([
      '/api/secrets-sync/entities/component/default/checkout-web/values',
    ]);
  });

  it('fails the step naming the environments that failed, after reporting those written', async () => {
    backend.answer(() => ({
      status: 200,
      body: {
        results: [
          { environment: 'development', outcome: 'written', versionId: 'v-8' },
          {
            environment: 'staging',
            outcome: 'failed',
            error: {
              code: 'unreachable',
              message: 'AWS Secrets Manager did not answer',
            },
          },
        ],
      },
    }));
    const { action, context, outputs } = setup();

    await expect(
      action.handler(context({ environments: ['development', 'staging'] })),
    ).rejects.toThrow(
      'Writing failed in staging (AWS Secrets Manager did not answer); the other environments were written',
    );
    expect(outputs.results).toEqual([
      { environment: 'development', outcome: 'written', versionId: 'v-8' },
      {
        environment: 'staging',
        outcome: 'failed',
        message: 'AWS Secrets Manager did not answer',
      },
    ]);
  });

  describe('dry run', () => {
    beforeEach(() => {
      backend.answer(() => ({ status: 200, body: topology }));
    });

    it('validates against the entity as the person sees it and writes nothing', async () => {
      const { action, context, outputs } = setup();

      await action.handler(context({}, { isDryRun: true }));

      expect(backend.received.map(req => req.method)).toEqual(['GET']);
      expect(outputs.results).toEqual([
        { environment: 'development', outcome: 'validated' },
      ]);
    });

    it('refuses an environment the entity does not run in', async () => {
      const { action, context } = setup();

      await expect(
        action.handler(
          context({ environments: ['staging'] }, { isDryRun: true }),
        ),
      ).rejects.toThrow(
        'component:default/checkout-web does not run in staging; its environments are development, production',
      );
    });

    it('refuses a restricted environment without confirmation', async () => {
      const { action, context } = setup();

      await expect(
        action.handler(
          context({ environments: ['production'] }, { isDryRun: true }),
        ),
      ).rejects.toThrow(
        'production is restricted: set confirmRestricted to true',
      );
    });

    it('refuses someone the policy does not let write', async () => {
      const { action, context } = setup({ allow: false });

      await expect(
        action.handler(context({}, { isDryRun: true })),
      ).rejects.toThrow(
        'You are not allowed to secrets-sync.secret.write for component:default/checkout-web',
      );
    });
  });
});
