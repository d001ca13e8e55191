import { act, renderHook, waitFor } from '@testing-library/react';
import {
  mockSecretsSyncApi,
  testApis,
} from '../__testUtils__/renderWithApis';
import {
  entityTopologyFixture,
  environmentFixture,
} from '../__testUtils__/topologyFixtures';
import { useWriteProgress } from './useWriteProgress';

const entityRef = { kind: 'Component', namespace: 'default', name: 'checkout' };
const CANARY = 'canary-5b1e-do-not-leak';

function renderProgress(
  api: ReturnType<typeof mockSecretsSyncApi>,
  timeoutMs = 2000,
) {
  const { Wrapper, errorApi } = testApis({ api });
  const { result } = renderHook(
    () => useWriteProgress(entityRef, { pollIntervalMs: 10, timeoutMs }),
    { wrapper: Wrapper },
  );
  return { result, errorApi };
}

const written = (environment: string, extra = {}) => ({
  environment,
  outcome: 'written' as const,
  syncRequested: true,
  ...extra,
});

describe('useWriteProgress', () => {
  it('follows each environment until its Secret holds the written keys', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({ results: [written('dev')] }),
      getEntityTopology: jest
        .fn()
        .mockResolvedValueOnce(
          entityTopologyFixture([
            environmentFixture({ name: 'dev', status: 'pending' }),
          ]),
        )
        .mockResolvedValue(
          entityTopologyFixture([
            environmentFixture({
              name: 'dev',
              status: 'synced',
              keys: ['NEW_KEY'],
            }),
          ]),
        ),
    });
    const { result } = renderProgress(api);

    await act(() =>
      result.current.start({
        environments: ['dev'],
        set: { NEW_KEY: CANARY },
      }),
    );

    expect(api.writeValues).toHaveBeenCalledWith(entityRef, {
      environments: ['dev'],
      set: { NEW_KEY: CANARY },
    });
    expect(result.current.finished).toBe(true);
    expect(result.current.progress).toEqual([
      {
        environment: 'dev',
        written: 'done',
        syncRequested: 'done',
        materialised: 'done',
        status: 'synced',
      },
    ]);
    expect(JSON.stringify(result.current.progress)).not.toContain(CANARY);
  });

  it("keeps the backend's warning for an environment once the Secret has caught up", async () => {
    const warning = 'Written to AWS, but the sync could not be requested.';
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({
        results: [written('dev', { syncRequested: false, warning })],
      }),
      getEntityTopology: jest.fn().mockResolvedValue(
        entityTopologyFixture([
          environmentFixture({ name: 'dev', status: 'synced', keys: ['A'] }),
        ]),
      ),
    });
    const { result } = renderProgress(api);

    await act(() =>
      result.current.start({ environments: ['dev'], set: { A: CANARY } }),
    );

    expect(result.current.progress[0]).toMatchObject({
      syncRequested: 'skipped',
      materialised: 'done',
      warning,
    });
  });

  it('gives each environment its own part of a write that failed everywhere', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest
        .fn()
        .mockRejectedValue(
          new Error('dev: Service unavailable; prod: Access denied'),
        ),
    });
    const { result, errorApi } = renderProgress(api);

    await act(() =>
      result.current.start({
        environments: ['dev', 'prod'],
        set: { A: CANARY },
        confirmRestricted: true,
      }),
    );

    expect(
      result.current.progress.map(p => [p.environment, p.written, p.message]),
    ).toEqual([
      ['dev', 'failed', 'Service unavailable'],
      ['prod', 'failed', 'Access denied'],
    ]);
    expect(errorApi.post).toHaveBeenCalledTimes(1);
  });

  it('marks a failed environment and follows only the others', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({
        results: [
          written('dev'),
          {
            environment: 'prod',
            outcome: 'failed',
            error: { code: 'access-denied', message: 'Not allowed in prod' },
          },
        ],
      }),
      getEntityTopology: jest.fn().mockResolvedValue(
        entityTopologyFixture([
          environmentFixture({ name: 'dev', status: 'synced', keys: ['A'] }),
          environmentFixture({ name: 'prod', status: 'pending' }),
        ]),
      ),
    });
    const { result } = renderProgress(api);

    await act(() =>
      result.current.start({ environments: ['dev', 'prod'], set: { A: 'x' } }),
    );

    expect(result.current.progress[1]).toMatchObject({
      environment: 'prod',
      written: 'failed',
      materialised: 'skipped',
      message: 'Not allowed in prod',
    });
    expect(result.current.progress[0].materialised).toBe('done');
  });

  it('stops following an environment where waiting cannot help, and says what to do', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({ results: [written('dev')] }),
      getEntityTopology: jest.fn().mockResolvedValue(
        entityTopologyFixture([
          environmentFixture({ name: 'dev', status: 'not-enabled' }),
        ]),
      ),
    });
    const { result } = renderProgress(api, 60_000);

    await act(() =>
      result.current.start({ environments: ['dev'], set: { A: 'x' } }),
    );

    expect(result.current.progress[0]).toMatchObject({
      materialised: 'skipped',
      status: 'not-enabled',
    });
    expect(result.current.progress[0].message).toContain('enable sync');
  });

  it('gives up after the timeout, naming the status it last saw', async () => {
    const api = mockSecretsSyncApi({
      writeValues: jest.fn().mockResolvedValue({ results: [written('dev')] }),
      getEntityTopology: jest.fn().mockResolvedValue(
        entityTopologyFixture([
          environmentFixture({ name: 'dev', status: 'drifted' }),
        ]),
      ),
    });
    const { result } = renderProgress(api, 100);

    await act(() =>
      result.current.start({ environments: ['dev'], set: { A: 'x' } }),
    );

    await waitFor(() => expect(result.current.finished).toBe(true));
    expect(result.current.progress[0].materialised).toBe('failed');
    expect(result.current.progress[0].message).toContain(
      'Not in the cluster after 0.1 s: the status is still "Drifted".',
    );
  });
});
