import { useCallback, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { secretsSyncApiRef } from '../api';

/** The current entity's topology, with a way to reload it after a change. */
export function useEntityTopology() {
  const { entity } = useEntity();
  const api = useApi(secretsSyncApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const state = useAsyncRetry(
    () => api.getEntityTopology(entityRef),
    [api, entityRef.kind, entityRef.namespace, entityRef.name],
  );
  const reload = useCallback(() => state.retry(), [state]);
  return { ...state, entity, entityRef, reload };
}
