import { act, renderHook, waitFor } from '@testing-library/react';
import {
  mockSecretsSyncApi,
  testApis,
} from '../__testUtils__/renderWithApis';
import { singleEnvironmentTopology } from '../__testUtils__/topologyFixtures';
import { useEntityTopology } from './useEntityTopology';

describe('useEntityTopology', () => {
  it("reads the current entity's topology", async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(singleEnvironmentTopology),
    });
    const { Wrapper } = testApis({ api });
    const { result } = renderHook(() => useEntityTopology(), {
      wrapper: Wrapper,
    });

    await waitFor(() =>
      expect(result.current.value).toBe(singleEnvironmentTopology),
    );
    expect(api.getEntityTopology).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
    expect(result.current.error).toBeUndefined();
  });

  it('keeps the last topology read when a reload fails, and says why', async () => {
    const failure = new TypeError('Failed to fetch');
    const api = mockSecretsSyncApi({
      getEntityTopology: jest
        .fn()
        .mockResolvedValueOnce(singleEnvironmentTopology)
        .mockRejectedValue(failure),
    });
    const { Wrapper } = testApis({ api });
    const { result } = renderHook(() => useEntityTopology(), {
      wrapper: Wrapper,
    });
    await waitFor(() =>
      expect(result.current.value).toBe(singleEnvironmentTopology),
    );

    act(() => result.current.reload());

    await waitFor(() => expect(result.current.refreshError).toBe(failure));
    expect(result.current.value).toBe(singleEnvironmentTopology);
    expect(result.current.error).toBeUndefined();
    expect(api.getEntityTopology).toHaveBeenCalledTimes(2);
  });

  it('answers the error when nothing was ever read', async () => {
    const failure = new Error('Service unavailable');
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockRejectedValue(failure),
    });
    const { Wrapper } = testApis({ api });
    const { result } = renderHook(() => useEntityTopology(), {
      wrapper: Wrapper,
    });

    await waitFor(() => expect(result.current.error).toBe(failure));
    expect(result.current.value).toBeUndefined();
    expect(result.current.refreshError).toBeUndefined();
  });
});
