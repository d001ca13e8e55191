import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  SYNC_STATUSES,
  type Environment,
  type SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import { presentStatus } from '../../lib/statusPresentation';
import { isOwnerRef, type FleetFilterValues } from './useFleet';

const ANY = '';

function ChoiceFilter(props: {
  label: string;
  value?: string;
  choices: Array<{ value: string; label: string }>;
  onChange: (value?: string) => void;
}) {
  return (
    <TextField
      select
      id={`fleet-filter-${props.label.toLocaleLowerCase('en-US')}`}
      size="small"
      variant="outlined"
      label={props.label}
      value={props.value ?? ANY}
      onChange={event => props.onChange(event.target.value || undefined)}
      style={{ minWidth: 170 }}
    >
      <MenuItem value={ANY}>Any</MenuItem>
      {props.choices.map(choice => (
        <MenuItem key={choice.value} value={choice.value}>
          {choice.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The fleet's filters: environment, status, engine, owner and a search. */
export function FleetFilterBar(props: {
  filters: FleetFilterValues;
  environments: Environment[];
  filtered: boolean;
  onChange: (change: Partial<FleetFilterValues>) => void;
  onClear: () => void;
}) {
  const { filters, onChange } = props;
  const engines = [...new Set(props.environments.map(env => env.engine))];
  const owner = filters.owner?.trim();
  const ownerInvalid = Boolean(owner) && !isOwnerRef(owner!);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 12 }}
      role="search"
      aria-label="Filter the fleet"
    >
      <TextField
        id="fleet-filter-search"
        size="small"
        variant="outlined"
        label="Search"
        placeholder="Component, title or tenant key"
        value={filters.search ?? ''}
        onChange={event => onChange({ search: event.target.value })}
        inputProps={{ maxLength: 200 }}
        style={{ minWidth: 260 }}
      />
      <ChoiceFilter
        label="Environment"
        value={filters.environment}
        choices={props.environments.map(env => ({
          value: env.name,
          label: env.title,
        }))}
        onChange={environment => onChange({ environment })}
      />
      <ChoiceFilter
        label="Status"
        value={filters.status}
        choices={SYNC_STATUSES.map(status => ({
          value: status,
          label: presentStatus(status).label,
        }))}
        onChange={status => onChange({ status: status as SyncStatus })}
      />
      <ChoiceFilter
        label="Engine"
        value={filters.engine}
        choices={engines.map(engine => ({ value: engine, label: engine }))}
        onChange={engine => onChange({ engine })}
      />
      <TextField
        id="fleet-filter-owner"
        size="small"
        variant="outlined"
        label="Owner"
        placeholder="team-payments"
        value={filters.owner ?? ''}
        onChange={event => onChange({ owner: event.target.value })}
        error={ownerInvalid}
        helperText={
          ownerInvalid
            ? 'An owner reference, such as team-payments or group:default/team-payments'
            : undefined
        }
        style={{ minWidth: 200, maxWidth: 320 }}
      />
      {props.filtered && (
        <Button onClick={props.onClear} style={{ marginTop: 4 }}>
          Clear filters
        </Button>
      )}
    </Box>
  );
}
