import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import { ResponseErrorPanel } from '@backstage/core-components';
import { errorMessage, isUnreachable } from '../../lib/errorMessage';
import { BackendUnreachable, LoadingSkeleton } from '../States';
import { FleetEmptyState, FleetNoMatch } from './FleetEmptyState';
import { FleetFilterBar } from './FleetFilterBar';
import { FleetStatusCounts } from './FleetStatusCounts';
import { FleetTable } from './FleetTable';
import { useFleet } from './useFleet';

/** Components per page: a screenful that the backend pages through. */
export const FLEET_PAGE_SIZE = 50;

/** Every opted-in component in each environment, filtered and paged by the backend. */
export function FleetContent() {
  const fleet = useFleet({ pageSize: FLEET_PAGE_SIZE });
  const { value, filters, environments } = fleet;

  const shown = environments.filter(
    env =>
      (!filters.environment || env.name === filters.environment) &&
      (!filters.engine || env.engine === filters.engine),
  );

  let body;
  if (fleet.error) {
    body = isUnreachable(fleet.error) ? (
      <BackendUnreachable
        message={errorMessage(fleet.error)}
        onRetry={fleet.retry}
      />
    ) : (
      <ResponseErrorPanel error={fleet.error} />
    );
  } else if (!value) {
    body = <LoadingSkeleton />;
  } else if (value.totalEntities === 0) {
    body = fleet.filtered ? (
      <FleetNoMatch onClear={fleet.clear} />
    ) : (
      <FleetEmptyState />
    );
  } else {
    body = (
      <FleetTable
        fleet={value}
        environments={shown}
        page={fleet.page}
        pageSize={FLEET_PAGE_SIZE}
        onPage={fleet.setPage}
      />
    );
  }

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {value && (value.totalEntities > 0 || fleet.filtered) && (
        <FleetStatusCounts
          counts={value.statusCounts}
          totalEntities={value.totalEntities}
          selected={filters.status}
          onSelect={status => fleet.change({ status })}
        />
      )}
      {(fleet.filtered || (value?.totalEntities ?? 0) > 0) && (
        <FleetFilterBar
          filters={filters}
          environments={environments}
          filtered={fleet.filtered}
          onChange={fleet.change}
          onClear={fleet.clear}
        />
      )}
      <Box height={4} aria-hidden>
        {fleet.loading && value && <LinearProgress />}
      </Box>
      <div aria-busy={fleet.loading} data-testid="fleet-results">
        {body}
      </div>
    </Box>
  );
}
