import { act, renderHook, waitFor } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import {
  mockSecretsSyncApi,
  testApis,
} from '../__testUtils__/renderWithApis';
import { useEnvironmentActions } from './useEnvironmentActions';

const entityRef = { kind: 'Component', namespace: 'default', name: 'checkout' };

function renderActions(api: ReturnType<typeof mockSecretsSyncApi>) {
  const onChanged = jest.fn();
  const { Wrapper, errorApi, alertApi } = testApis({ api });
  const { result } = renderHook(
    () => useEnvironmentActions(entityRef, onChanged),
    { wrapper: Wrapper },
  );
  return { result, onChanged, errorApi, alertApi };
}

describe('useEnvironmentActions', () => {
  it('forces a sync, says so with the backend warning, and reloads', async () => {
    let answer: (value: unknown) => void = () => {};
    const api = mockSecretsSyncApi({
      forceSync: jest.fn(
        () => new Promise(resolve => (answer = resolve)),
      ) as never,
    });
    const { result, onChanged, alertApi } = renderActions(api);

    act(() => {
      result.current.forceSync('dev');
    });
    expect(result.current.running).toEqual({
      environment: 'dev',
      action: 'sync',
    });
    expect(api.forceSync).toHaveBeenCalledWith(entityRef, 'dev');

    await act(async () =>
      answer({
        environment: 'dev',
        requestedAt: new Date(),
        warning: 'The ExternalSecret refreshes hourly.',
      }),
    );

    expect(result.current.running).toBeUndefined();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Sync requested in dev. The ExternalSecret refreshes hourly.',
        severity: 'success',
      }),
    );
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('tells the backend a restricted environment’s action was confirmed', async () => {
    const api = mockSecretsSyncApi({
      forceSync: jest
        .fn()
        .mockResolvedValue({ environment: 'prod', requestedAt: new Date() }),
      setSyncEnabled: jest
        .fn()
        .mockResolvedValue({ environment: 'prod', enabled: false }),
    });
    const { result, alertApi } = renderActions(api);

    await act(() => result.current.forceSync('prod', true));
    await act(() => result.current.setEnabled('prod', false, true));

    expect(api.forceSync).toHaveBeenCalledWith(entityRef, 'prod', {
      confirmRestricted: true,
    });
    expect(api.setSyncEnabled).toHaveBeenCalledWith(entityRef, 'prod', false, {
      confirmRestricted: true,
    });
    expect(alertApi.post).toHaveBeenLastCalledWith(
      expect.objectContaining({ message: 'Sync disabled in prod' }),
    );
  });

  it("posts the backend's message when an action fails, and still reloads", async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'You may not enable sync in dev' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    );
    const api = mockSecretsSyncApi({
      setSyncEnabled: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    const { result, onChanged, errorApi, alertApi } = renderActions(api);

    await act(() => result.current.setEnabled('dev', true));

    expect(api.setSyncEnabled).toHaveBeenCalledWith(entityRef, 'dev', true);
    await waitFor(() =>
      expect(errorApi.post).toHaveBeenCalledWith(
        expect.objectContaining({ message: 'You may not enable sync in dev' }),
      ),
    );
    expect(alertApi.post).not.toHaveBeenCalled();
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(result.current.running).toBeUndefined();
  });
});
