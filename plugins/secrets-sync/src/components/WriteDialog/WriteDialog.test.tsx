import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import type { EntityTopology } from '@internal/plugin-secrets-sync-common';
import {
  mockSecretsSyncApi,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import {
  entityTopologyFixture,
  environmentFixture,
} from '../../__testUtils__/topologyFixtures';
import { WriteDialog } from './WriteDialog';

const CANARY = 'canary-7f3a9c1e-do-not-leak';

// userEvent types and pastes key by key; on a busy machine a test that
// types a value outlasts jest's default 5 s.
jest.setTimeout(30_000);
const entityRef = { kind: 'Component', namespace: 'default', name: 'checkout' };

const before = entityTopologyFixture([
  environmentFixture({ name: 'dev', title: 'Development', status: 'synced' }),
  environmentFixture({
    name: 'prod',
    title: 'Production',
    status: 'synced',
    restricted: true,
  }),
]);

function syncedWith(keys: string[]): EntityTopology {
  const topology = entityTopologyFixture([
    environmentFixture({
      name: 'dev',
      title: 'Development',
      status: 'synced',
      keys,
    }),
    environmentFixture({
      name: 'prod',
      title: 'Production',
      status: 'synced',
      restricted: true,
      keys,
    }),
  ]);
  return topology;
}

async function renderDialog(
  api: ReturnType<typeof mockSecretsSyncApi>,
  props: Partial<Parameters<typeof WriteDialog>[0]> = {},
) {
  const onClose = jest.fn();
  const rendered = await renderWithApis(
    <WriteDialog
      entityRef={entityRef}
      environments={before.environments}
      canWriteRestricted
      onClose={onClose}
      pollIntervalMs={10}
      timeoutMs={2000}
      {...props}
    />,
    { api },
  );
  return { ...rendered, onClose };
}

const keyField = (n: number) =>
  screen.getByRole('textbox', { name: `Key ${n}` });
const valueField = (n: number) =>
  screen.getByLabelText(`Value ${n}`, { selector: 'input' });
const submitButton = () => screen.getByRole('button', { name: /^Write to/ });

describe('WriteDialog', () => {
  it('masks values and rejects key names the backend would reject', async () => {
    await renderDialog(mockSecretsSyncApi());

    await userEvent.type(keyField(1), '9LIVES');
    fireEvent.change(valueField(1), { target: { value: CANARY } });

    expect(valueField(1)).toHaveAttribute('type', 'password');
    expect(
      screen.getByText(/not a valid environment variable name/),
    ).toBeInTheDocument();
    expect(submitButton()).toBeDisabled();
  });

  it('asks for explicit confirmation before writing to a restricted environment', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({ results: [] }),
      getEntityTopology: jest.fn().mockResolvedValue(before),
    });
    await renderDialog(api);

    await userEvent.type(keyField(1), 'API_KEY');
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Production (restricted)' }),
    );

    expect(screen.getByTestId('restricted-confirmation')).toHaveTextContent(
      'Production is a restricted environment (account 222222222222)',
    );
    expect(submitButton()).toBeDisabled();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'I mean to write to Production' }),
    );
    expect(submitButton()).toBeEnabled();
    await userEvent.click(submitButton());

    expect(api.writeValues).toHaveBeenCalledWith(entityRef, {
      environments: ['dev', 'prod'],
      set: { API_KEY: CANARY },
      confirmRestricted: true,
    });
  });

  it('does not offer restricted environments to a user without that permission', async () => {
    await renderDialog(mockSecretsSyncApi(), { canWriteRestricted: false });

    expect(
      screen.getByRole('checkbox', {
        name: 'Production (restricted, not allowed for you)',
      }),
    ).toBeDisabled();
  });

  it('never lets a value into the DOM while it is typed, pasted or revealed: it lives in the input only', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({ results: [] }),
    });
    await renderDialog(api);
    const page = () => document.documentElement.outerHTML;

    await userEvent.type(keyField(1), 'TYPED');
    for (const chunk of [CANARY.slice(0, 10), CANARY.slice(10)]) {
      await userEvent.type(valueField(1), chunk);
      expect(page()).not.toContain(CANARY.slice(0, 10));
    }
    await userEvent.click(screen.getByRole('button', { name: 'Show value 1' }));
    expect(valueField(1)).toHaveAttribute('type', 'text');
    expect(page()).not.toContain(CANARY.slice(0, 10));

    const pasteBox = screen.getByRole('textbox', {
      name: 'Paste a .env block',
    });
    await userEvent.click(pasteBox);
    await userEvent.paste(`PASTED=${CANARY}-pasted`);
    expect(page()).not.toContain('-pasted');
    await userEvent.click(
      screen.getByRole('button', { name: 'Add these keys' }),
    );
    expect(page()).not.toContain('-pasted');
    expect(valueField(2)).toHaveValue(`${CANARY}-pasted`);

    await userEvent.click(submitButton());
    expect(api.writeValues).toHaveBeenCalledWith(entityRef, {
      environments: ['dev'],
      set: { TYPED: CANARY, PASTED: `${CANARY}-pasted` },
    });
    expect(page()).not.toContain(CANARY.slice(0, 10));
  });

  it('turns a pasted .env block into rows and unsets existing keys', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({ results: [] }),
    });
    await renderDialog(api);

    fireEvent.change(
      screen.getByRole('textbox', { name: 'Paste a .env block' }),
      {
        target: { value: `# comment\nexport A_KEY=${CANARY}\nB_KEY="two"\n` },
      },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add these keys' }),
    );
    expect(
      screen.getByRole('textbox', { name: 'Paste a .env block' }),
    ).toHaveValue('');
    expect(keyField(1)).toHaveValue('A_KEY');
    expect(keyField(2)).toHaveValue('B_KEY');

    await userEvent.click(
      screen.getByRole('button', { name: 'Unset SENTRY_DSN' }),
    );
    await userEvent.click(submitButton());

    expect(api.writeValues).toHaveBeenCalledWith(entityRef, {
      environments: ['dev'],
      set: { A_KEY: CANARY, B_KEY: 'two' },
      unset: ['SENTRY_DSN'],
    });
  });

  it('clears values on submit and follows the write until the Secret has it', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({
        results: [
          {
            environment: 'dev',
            outcome: 'written',
            versionId: 'v2',
            syncRequested: true,
          },
        ],
      }),
      getEntityTopology: jest
        .fn()
        .mockResolvedValueOnce(before)
        .mockResolvedValue(
          syncedWith([
            'DATABASE_URL',
            'NEW_KEY',
            'STRIPE_API_KEY',
            'SENTRY_DSN',
          ]),
        ),
    });
    await renderDialog(api);

    await userEvent.type(keyField(1), 'NEW_KEY');
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    await userEvent.click(submitButton());

    expect(document.body.innerHTML).not.toContain(CANARY);
    expect(screen.queryAllByDisplayValue(CANARY)).toHaveLength(0);
    expect(screen.getByTestId('progress-dev-written')).toHaveAttribute(
      'data-state',
      'done',
    );
    expect(screen.getByTestId('progress-dev-sync-requested')).toHaveAttribute(
      'data-state',
      'done',
    );
    await waitFor(() =>
      expect(screen.getByTestId('progress-dev-materialised')).toHaveAttribute(
        'data-state',
        'done',
      ),
    );
    expect(api.getEntityTopology).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Done' })).toBeEnabled();
  });

  it('gives up with a clear message when the Secret never catches up', async () => {
    const pending = entityTopologyFixture([
      environmentFixture({
        name: 'dev',
        title: 'Development',
        status: 'pending',
      }),
    ]);
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({
        results: [
          { environment: 'dev', outcome: 'written', syncRequested: true },
        ],
      }),
      getEntityTopology: jest.fn().mockResolvedValue(pending),
    });
    await renderDialog(api, { timeoutMs: 100 });

    await userEvent.type(keyField(1), 'NEW_KEY');
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    await userEvent.click(submitButton());

    await waitFor(() =>
      expect(screen.getByTestId('progress-dev-materialised')).toHaveAttribute(
        'data-state',
        'failed',
      ),
    );
    expect(screen.getByTestId('progress-dev-message')).toHaveTextContent(
      'Not in the cluster after 0.1 s: the status is still "Pending".',
    );
    expect(screen.getByTestId('progress-dev-message')).toHaveTextContent(
      'Force a sync, or check that the operator is running.',
    );
  });

  it('shows a per-environment failure and posts a rejected write to the error API', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'InputError',
          message: 'Key "API_KEY" is not allowed here',
        },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    );
    const api = mockSecretsSyncApi({
      writeValues: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    const { errorApi } = await renderDialog(api);

    await userEvent.type(keyField(1), 'API_KEY');
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    await userEvent.click(submitButton());

    await waitFor(() =>
      expect(errorApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Key "API_KEY" is not allowed here',
        }),
      ),
    );
    expect(
      within(screen.getByRole('dialog')).getByTestId('progress-dev-message'),
    ).toHaveTextContent('Key "API_KEY" is not allowed here');
    expect(document.body.innerHTML).not.toContain(CANARY);
  });

  it('stops waiting when the Secret belongs to someone else', async () => {
    const unowned = entityTopologyFixture([
      environmentFixture({
        name: 'dev',
        title: 'Development',
        status: 'unowned',
      }),
    ]);
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({
        results: [
          { environment: 'dev', outcome: 'written', syncRequested: true },
        ],
      }),
      getEntityTopology: jest.fn().mockResolvedValue(unowned),
    });
    await renderDialog(api, { timeoutMs: 60_000 });

    await userEvent.type(keyField(1), 'NEW_KEY');
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    await userEvent.click(submitButton());

    await waitFor(() =>
      expect(screen.getByTestId('progress-dev-materialised')).toHaveAttribute(
        'data-state',
        'skipped',
      ),
    );
    expect(screen.getByTestId('progress-dev-message')).toHaveTextContent(
      'not owned by the operator, which will not overwrite it',
    );
    expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument();
  });
  it("shows each environment's warning and keeps it once the write is followed to the end", async () => {
    const warning =
      'Written to AWS, but the sync could not be requested: the cluster prod did not answer. Force a sync once it is back.';
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({
        results: [
          { environment: 'dev', outcome: 'written', syncRequested: true },
          {
            environment: 'prod',
            outcome: 'written',
            syncRequested: false,
            warning,
          },
        ],
      }),
      getEntityTopology: jest
        .fn()
        .mockResolvedValue(
          syncedWith(['DATABASE_URL', 'NEW_KEY', 'STRIPE_API_KEY']),
        ),
    });
    await renderDialog(api);

    await userEvent.type(keyField(1), 'NEW_KEY');
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Production (restricted)' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'I mean to write to Production' }),
    );
    await userEvent.click(submitButton());

    expect(await screen.findByTestId('progress-prod-warning')).toHaveTextContent(
      warning,
    );
    expect(screen.getByTestId('progress-prod-sync-requested')).toHaveAttribute(
      'data-state',
      'skipped',
    );
    expect(screen.queryByTestId('progress-dev-warning')).toBeNull();
    await screen.findByRole('button', { name: 'Done' });
    expect(screen.getByTestId('progress-prod-materialised')).toHaveAttribute(
      'data-state',
      'done',
    );
    expect(screen.getByTestId('progress-prod-warning')).toHaveTextContent(
      warning,
    );
    expect(document.body.innerHTML).not.toContain(CANARY);
  });

  it("shows each environment its own failure when the write failed everywhere", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ServiceUnavailableError',
          message:
            'dev: AWS Secrets Manager: PutSecretValue in account 111111111111: Service unavailable; prod: AWS Secrets Manager: PutSecretValue in account 222222222222: Access denied',
        },
        response: { statusCode: 503 },
      }),
      { status: 503, headers: { 'content-type': 'application/json' } },
    );
    const api = mockSecretsSyncApi({
      writeValues: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    await renderDialog(api);

    await userEvent.type(keyField(1), 'API_KEY');
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Production (restricted)' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'I mean to write to Production' }),
    );
    await userEvent.click(submitButton());

    const dev = await screen.findByTestId('progress-dev-message');
    const prod = screen.getByTestId('progress-prod-message');
    expect(dev).toHaveTextContent(
      'AWS Secrets Manager: PutSecretValue in account 111111111111: Service unavailable',
    );
    expect(dev).not.toHaveTextContent('222222222222');
    expect(prod).toHaveTextContent(
      'AWS Secrets Manager: PutSecretValue in account 222222222222: Access denied',
    );
    expect(prod).not.toHaveTextContent('111111111111');
    expect(screen.getByTestId('progress-prod-written')).toHaveAttribute(
      'data-state',
      'failed',
    );
    expect(document.body.innerHTML).not.toContain(CANARY);
  });
});
