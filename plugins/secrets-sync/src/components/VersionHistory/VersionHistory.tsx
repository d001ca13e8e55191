import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import HistoryIcon from '@material-ui/icons/History';
import Alert from '@material-ui/lab/Alert';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  type EnvironmentTopology,
  type HistoryVersion,
  secretsSyncRestrictedWritePermission,
  secretsSyncSecretRollbackPermission,
} from '@internal/plugin-secrets-sync-common';
import { secretsSyncApiRef } from '../../api';
import { TimeFact } from '../EnvironmentDetail/TimeFact';
import {
  describeAuthor,
  describeChanges,
  shortVersion,
  versionTime,
} from './describeVersion';
import { RollbackDialog } from './RollbackDialog';

/** Versions shown before the user asks for all of them. */
const FIRST_SHOWN = 8;

/** Props of {@link VersionHistory}. */
export interface VersionHistoryProps {
  env: EnvironmentTopology;
  /** Called after a rollback, so the environment's status is read again. */
  onRolledBack?: () => void;
}

/**
 * The environment's version history, read when the user opens it: reading
 * it may make the backend digest versions it has not seen, which no view of
 * the environment should cost.
 */
export function VersionHistory(props: VersionHistoryProps) {
  const [open, setOpen] = useState(false);
  return (
    <Box data-testid={`version-history-${props.env.environment.name}`}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="overline" component="h3">
          History
        </Typography>
        {!open && (
          <Button
            size="small"
            startIcon={<HistoryIcon />}
            onClick={() => setOpen(true)}
          >
            Show version history
          </Button>
        )}
      </Box>
      {open && <VersionTable {...props} />}
    </Box>
  );
}

/**
 * The versions of the environment's AWS secret, newest first: when, who
 * (or "written outside the portal"), which keys each added, changed and
 * removed; never a value. An earlier version can be made current again
 * where the user may roll back (in a restricted environment, with the
 * restricted permission too); the backend checks the same.
 */
function VersionTable(props: VersionHistoryProps) {
  const { env } = props;
  const api = useApi(secretsSyncApiRef);
  const { entity } = useEntity();
  const entityRef = getCompoundEntityRef(entity);
  const resourceRef = stringifyEntityRef(entity);
  const rollbackPermission = usePermission({
    permission: secretsSyncSecretRollbackPermission,
    resourceRef,
  });
  const restrictedPermission = usePermission({
    permission: secretsSyncRestrictedWritePermission,
    resourceRef,
  });
  const mayRollBack =
    rollbackPermission.allowed &&
    (!env.environment.restricted || restrictedPermission.allowed);
  const [chosen, setChosen] = useState<HistoryVersion>();
  const history = useAsyncRetry(
    () => api.getVersionHistory(entityRef, env.environment.name),
    [api, resourceRef, env.environment.name, env.aws.versionId],
  );

  const [showAll, setShowAll] = useState(false);
  const newestFirst = [...(history.value?.versions ?? [])].reverse();
  const current = newestFirst.find(v => v.current);
  const shown = showAll ? newestFirst : newestFirst.slice(0, FIRST_SHOWN);
  return (
    <>
      {history.loading && !history.value && <LinearProgress />}
      {history.error && (
        <Alert severity="error">
          The history could not be read: {history.error.message}
        </Alert>
      )}
      {history.value && newestFirst.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No version yet: the first write creates one.
        </Typography>
      )}
      {newestFirst.length > 0 && (
        <Table size="small" aria-label={`Versions in ${env.environment.title}`}>
          <TableHead>
            <TableRow>
              <TableCell>Version</TableCell>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>Keys</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(version => (
              <TableRow
                key={version.versionId}
                data-testid={`version-${version.versionId}`}
              >
                <TableCell>
                  <code title={version.versionId}>
                    {shortVersion(version.versionId)}
                  </code>{' '}
                  {version.stages
                    .filter(stage => stage.startsWith('AWS'))
                    .map(stage => (
                      <Chip
                        key={stage}
                        size="small"
                        variant={
                          stage === 'AWSCURRENT' ? 'default' : 'outlined'
                        }
                        label={stage === 'AWSCURRENT' ? 'current' : 'previous'}
                      />
                    ))}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <TimeFact value={versionTime(version)} />
                </TableCell>
                <TableCell>
                  {version.source === 'outside' && !version.records.length ? (
                    <Chip
                      size="small"
                      variant="outlined"
                      label="written outside the portal"
                    />
                  ) : (
                    describeAuthor(version)
                  )}
                </TableCell>
                <TableCell>
                  {describeChanges(version).map(line => (
                    <div key={line}>{line}</div>
                  ))}
                </TableCell>
                <TableCell align="right">
                  {mayRollBack && !version.current && (
                    <Button
                      size="small"
                      variant="outlined"
                      startIcon={<HistoryIcon />}
                      style={{ whiteSpace: 'nowrap' }}
                      onClick={() => setChosen(version)}
                    >
                      Roll back
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {shown.length < newestFirst.length && (
        <Button size="small" onClick={() => setShowAll(true)}>
          Show all {newestFirst.length} versions
        </Button>
      )}
      {chosen && (
        <RollbackDialog
          entityRef={entityRef}
          env={env}
          version={chosen}
          current={current}
          onClose={() => setChosen(undefined)}
          onRolledBack={() => {
            history.retry();
            props.onRolledBack?.();
          }}
        />
      )}
    </>
  );
}
