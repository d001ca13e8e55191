import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import RefreshIcon from '@material-ui/icons/Refresh';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useEntityTopology } from '../../hooks/useEntityTopology';
import { useEnvironmentActions } from '../../hooks/useEnvironmentActions';
import { useSecretsSyncPermissions } from '../../hooks/useSecretsSyncPermissions';
import {
  errorMessage,
  isForbidden,
  isUnreachable,
} from '../../lib/errorMessage';
import { EnvironmentDetail } from '../EnvironmentDetail';
import {
  BackendUnreachable,
  LoadingSkeleton,
  NoEnvironments,
  NotAllowed,
  NotOptedIn,
} from '../States';
import { TopologyGraph } from '../TopologyGraph';
import { WriteDialog } from '../WriteDialog';
import type { WriteProgressOptions } from '../../hooks/useWriteProgress';
import { EnvironmentTabs } from './EnvironmentTabs';
import { MappingSummary } from './MappingSummary';

/**
 * Props of {@link EntitySecretsSyncContent}.
 *
 * @public
 */
export interface SecretsSyncContentProps {
  /** Polling of a write's progress; tests and demos shorten it. */
  writeProgress?: WriteProgressOptions;
}

/**
 * The entity's Secrets tab: topology graph, per-environment detail and the
 * write, sync and enable actions the user is allowed.
 *
 * @public
 */
export function SecretsSyncContent(props: SecretsSyncContentProps) {
  const {
    value: topology,
    loading,
    error,
    refreshError,
    entity,
    entityRef,
    reload,
  } = useEntityTopology();
  const permissions = useSecretsSyncPermissions(entity);
  const actions = useEnvironmentActions(entityRef, reload);
  // `?environment=` opens the tab at that environment (the fleet page links so)
  const [searchParams] = useSearchParams();
  const [selected, setSelected] = useState<string | undefined>(
    () => searchParams.get('environment') ?? undefined,
  );
  const [writing, setWriting] = useState<{ environment?: string }>();

  if (loading && !topology) {
    return <LoadingSkeleton />;
  }
  if (error) {
    if (isUnreachable(error)) {
      return (
        <BackendUnreachable message={errorMessage(error)} onRetry={reload} />
      );
    }
    if (isForbidden(error)) {
      return <NotAllowed message={errorMessage(error)} />;
    }
    return <ResponseErrorPanel error={error} />;
  }
  if (!topology || !topology.optedIn) {
    return <NotOptedIn entityName={entity.metadata.name} />;
  }
  if (topology.environments.length === 0) {
    return <NoEnvironments tenantKey={topology.mapping?.tenantKey} />;
  }

  const current =
    topology.environments.find(e => e.environment.name === selected) ??
    topology.environments[0];
  const blocked = Boolean(topology.mapping?.conflict);
  const componentTitle = entity.metadata.title ?? entity.metadata.name;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Box flexGrow={1}>
            <MappingSummary mapping={topology.mapping} />
          </Box>
          <Button
            size="small"
            startIcon={<RefreshIcon />}
            onClick={reload}
            disabled={loading}
          >
            Refresh
          </Button>
          {permissions.canWrite && !blocked && (
            <Button
              variant="contained"
              color="primary"
              startIcon={<EditIcon />}
              onClick={() =>
                setWriting({ environment: current.environment.name })
              }
            >
              Write values
            </Button>
          )}
        </Box>
      </Grid>
      {refreshError && (
        <Grid item xs={12}>
          <Alert severity="warning" data-testid="secrets-sync-stale">
            Showing what was read before: refreshing failed (
            {errorMessage(refreshError)}).
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Topology"
          subheader="Click an environment to see its details"
        >
          <TopologyGraph
            topology={topology}
            componentTitle={componentTitle}
            selectedEnvironment={current.environment.name}
            onSelectEnvironment={setSelected}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard noPadding>
          <EnvironmentTabs
            environments={topology.environments}
            selected={current.environment.name}
            onSelect={setSelected}
          />
          <Box padding={2}>
            <EnvironmentDetail
              env={current}
              permissions={{
                ...permissions,
                canWrite: permissions.canWrite && !blocked,
                canWriteRestricted: permissions.canWriteRestricted && !blocked,
              }}
              running={actions.running}
              onForceSync={actions.forceSync}
              onSetEnabled={actions.setEnabled}
              onWrite={environment => setWriting({ environment })}
              onChanged={reload}
            />
          </Box>
        </InfoCard>
      </Grid>
      {writing && (
        <WriteDialog
          {...props.writeProgress}
          entityRef={entityRef}
          environments={topology.environments}
          initialEnvironment={writing.environment}
          canWriteRestricted={permissions.canWriteRestricted}
          onClose={changed => {
            setWriting(undefined);
            if (changed) reload();
          }}
        />
      )}
    </Grid>
  );
}
