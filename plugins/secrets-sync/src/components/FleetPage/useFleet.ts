import { useCallback, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  Environment,
  FleetStatus,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import { secretsSyncApiRef } from '../../api';

/** What a person narrows the fleet to; every filter is applied by the backend. */
export interface FleetFilterValues {
  environment?: string;
  status?: SyncStatus;
  engine?: string;
  /** As typed; sent once it reads as an entity reference. */
  owner?: string;
  search?: string;
}

/** How long typing pauses before the backend is asked again. */
export const TYPING_PAUSE_MS = 300;

/** Whether `owner` is something the backend accepts as an owner reference. */
export function isOwnerRef(owner: string): boolean {
  try {
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return true;
  } catch {
    return false;
  }
}

function textFilters(filters: FleetFilterValues) {
  const owner = filters.owner?.trim();
  const search = filters.search?.trim();
  return {
    owner: owner && isOwnerRef(owner) ? owner : undefined,
    search: search ? search.slice(0, 200) : undefined,
  };
}

/**
 * One page of the fleet and the filters that chose it. Choices apply at
 * once, typed text after a pause; any change goes back to the first page.
 * While the next page loads the last one stays on screen, so the table does
 * not flash empty on every keystroke.
 */
export function useFleet(options: { pageSize: number }) {
  const api = useApi(secretsSyncApiRef);
  const [filters, setFilters] = useState<FleetFilterValues>({});
  const [typed, setTyped] = useState(() => textFilters({}));
  const [page, setPage] = useState(0);
  const lastPage = useRef<FleetStatus>();

  useDebounce(() => setTyped(textFilters(filters)), TYPING_PAUSE_MS, [
    filters.owner,
    filters.search,
  ]);

  const environments = useAsync(
    async (): Promise<Environment[]> => api.listEnvironments(),
    [api],
  );
  const query = {
    environment: filters.environment,
    status: filters.status,
    engine: filters.engine,
    ...typed,
    offset: page * options.pageSize,
    limit: options.pageSize,
  };
  const key = JSON.stringify(query);
  const fleet = useAsyncRetry(async () => {
    const value = await api.getFleetStatus(query);
    lastPage.current = value;
    return value;
  }, [api, key]);

  const change = useCallback((next: Partial<FleetFilterValues>) => {
    setFilters(current => ({ ...current, ...next }));
    setPage(0);
  }, []);
  const clear = useCallback(() => {
    setFilters({});
    setTyped(textFilters({}));
    setPage(0);
  }, []);

  const filtered = Object.values(filters).some(
    value => value !== undefined && value !== '',
  );
  return {
    filters,
    change,
    clear,
    filtered,
    page,
    setPage,
    environments: environments.value ?? [],
    environmentsError: environments.error,
    value: fleet.value ?? (fleet.loading ? lastPage.current : undefined),
    loading: fleet.loading,
    error: fleet.error,
    retry: fleet.retry,
  };
}
