import { useCallback, useMemo, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EntityTopology } from '@internal/plugin-secrets-sync-common';
import { secretsSyncApiRef } from '../api';

/**
 * The current entity's topology, with a way to reload it after a change.
 * When a reload fails, the last topology read stays available as `value`
 * and `refreshError` says why it could not be refreshed.
 */
export function useEntityTopology() {
  const { entity } = useEntity();
  const api = useApi(secretsSyncApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const lastRead = useRef<{ key: string; value: EntityTopology }>();
  const key = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;
  const state = useAsyncRetry(async () => {
    const value = await api.getEntityTopology(entityRef);
    lastRead.current = { key, value };
    return value;
  }, [api, key]);
  const reload = useCallback(() => state.retry(), [state]);
  const previous =
    lastRead.current?.key === key ? lastRead.current.value : undefined;

  if (state.error && previous) {
    return {
      value: previous,
      loading: state.loading,
      error: undefined,
      refreshError: state.error,
      entity,
      entityRef,
      reload,
    };
  }
  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    refreshError: undefined,
    entity,
    entityRef,
    reload,
  };
}
