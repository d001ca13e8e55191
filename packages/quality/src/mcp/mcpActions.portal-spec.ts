/*
 * The secrets-sync actions through the MCP actions backend of the running
 * portal (`yarn dev` at the repository root; MCP at /api/mcp-actions/v1),
 * with the official MCP TypeScript SDK as the client, signed in as the demo
 * guest. A write's values travel only in the action's secrets: the MCP
 * actions backend passes tool arguments as the action's input, so a write
 * through MCP is refused before anything is written, and the write that
 * lands is the same action invoked with its secrets through the actions
 * registry (what a CLI does). No canary is in any answer, in the portal's
 * log (where its audit events are written too), nor in the audit events.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { awsClientConfigFor, SANDBOX_ACCOUNTS } from '@internal/sandbox';

const BACKEND_URL = process.env.PORTAL_BACKEND_URL ?? 'http://localhost:7007';
const PORTAL_LOG = process.env.PORTAL_LOG ?? '/tmp/portal.log';
const OWNED = 'component:default/checkout-web';
const NOT_OWNED = 'component:default/payments-ledger';
const run = randomBytes(3).toString('hex').toUpperCase();
const KEY = `MCP_${run}`;
const CANARY = `canary-mcp-${randomBytes(8).toString('hex')}`;

jest.setTimeout(120_000);

async function guestToken(): Promise<string> {
  const response = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`);
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

type ToolAnswer = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: any;
};

describe('secrets-sync actions over MCP', () => {
  let client: Client;
  let token: string;
  const answers: string[] = [];

  const call = async (name: string, args: Record<string, unknown>) => {
    const answer = (await client.callTool({
      name,
      arguments: args,
    })) as ToolAnswer;
    answers.push(JSON.stringify(answer));
    return answer;
  };

  /** Invokes an action with its secrets, as a CLI does through the actions registry. */
  const invokeWithSecrets = async (
    action: string,
    input: Record<string, unknown>,
    secrets: Record<string, unknown>,
  ) => {
    const response = await fetch(
      `${BACKEND_URL}/api/secrets-sync/.backstage/actions/v2/actions/secrets-sync:${action}/invoke`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ input, secrets }),
      },
    );
    const text = await response.text();
    answers.push(text);
    return { status: response.status, body: JSON.parse(text) };
  };

  beforeAll(async () => {
    token = await guestToken();
    client = new Client({ name: 'secrets-sync-integration', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${BACKEND_URL}/api/mcp-actions/v1`),
        { requestInit: { headers: { authorization: `Bearer ${token}` } } },
      ),
    );
  });

  afterAll(async () => {
    await invokeWithSecrets(
      'write-values',
      { entityRef: OWNED, environments: ['dev'], unset: [KEY] },
      { values: {} },
    );
    await client?.close();
  });

  it('lists the three actions, the read marked read-only, the write without a values argument', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map(tool => [tool.name, tool]));

    expect([...byName.keys()].sort()).toEqual([
      'secrets-sync.force-sync',
      'secrets-sync.get-topology',
      'secrets-sync.write-values',
    ]);
    expect(byName.get('secrets-sync.get-topology')?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(
      Object.keys(
        byName.get('secrets-sync.write-values')?.inputSchema.properties ?? {},
      ).sort(),
    ).toEqual([
      'confirmRestricted',
      'entityRef',
      'environments',
      'mode',
      'unset',
    ]);
  });

  it("reads a component's topology, key names and status without a value", async () => {
    const answer = await call('secrets-sync.get-topology', {
      entityRef: OWNED,
    });

    expect(answer.isError).toBeFalsy();
    const dev = answer.structuredContent.environments.find(
      (env: { name: string }) => env.name === 'dev',
    );
    expect(dev).toMatchObject({
      awsAccountId: SANDBOX_ACCOUNTS.dev,
      namespace: 'sites-checkout-web',
      secretName: 'build-secrets',
    });
  });

  it('refuses a write whose values come as tool arguments: they belong in the secrets', async () => {
    const answer = await call('secrets-sync.write-values', {
      entityRef: OWNED,
      environments: ['dev'],
    });

    expect(answer.isError).toBe(true);
    expect(answer.content[0].text).toContain('requires secrets');
  });

  it('writes values given as the action secrets; they land in AWS and MCP reads the key back by name', async () => {
    const { status, body } = await invokeWithSecrets(
      'write-values',
      { entityRef: OWNED, environments: ['dev'] },
      { values: { [KEY]: CANARY } },
    );

    expect(status).toBe(200);
    expect(body.output.results).toEqual([
      expect.objectContaining({ environment: 'dev', outcome: 'written' }),
    ]);
    const aws = new SecretsManagerClient(
      await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
    );
    const { SecretString } = await aws.send(
      new GetSecretValueCommand({ SecretId: 'sites/checkout-web/build' }),
    );
    expect(JSON.parse(SecretString ?? '{}')[KEY]).toBe(CANARY);

    const read = await call('secrets-sync.get-topology', { entityRef: OWNED });
    const dev = read.structuredContent.environments.find(
      (env: { name: string }) => env.name === 'dev',
    );
    expect(dev.keys.map((key: { name: string }) => key.name)).toContain(KEY);
  });

  it('forces a sync as the guest', async () => {
    const answer = await call('secrets-sync.force-sync', {
      entityRef: OWNED,
      environment: 'dev',
    });

    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({ environment: 'dev' });
  });

  it("refuses the guest's write and force sync on a component they do not own, as the routes do", async () => {
    const write = await invokeWithSecrets(
      'write-values',
      { entityRef: NOT_OWNED, environments: ['dev'] },
      { values: { [KEY]: CANARY } },
    );
    const sync = await call('secrets-sync.force-sync', {
      entityRef: NOT_OWNED,
      environment: 'dev',
    });

    expect(write.status).toBe(403);
    expect(write.body.error.message).toContain(
      `You are not allowed to secrets-sync.secret.write for ${NOT_OWNED}`,
    );
    expect(sync.isError).toBe(true);
    expect(sync.content[0].text).toContain(
      `You are not allowed to secrets-sync.sync.trigger for ${NOT_OWNED}`,
    );
  });

  it('never returned, logged or audited a value', async () => {
    // the audit events of the writes and of the MCP tool calls are log lines
    // of the portal; the key and the canary are this run's own
    const log = readFileSync(PORTAL_LOG, 'utf8');

    expect(log).toContain('secret-write');
    expect(log).toContain('tool-execution');
    expect(log).toContain(KEY);
    expect(log).not.toContain(CANARY);
    expect(answers.join('\n')).not.toContain(CANARY);
  });
});
