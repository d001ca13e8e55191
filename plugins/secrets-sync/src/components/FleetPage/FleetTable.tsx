import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Tooltip from '@material-ui/core/Tooltip';
import WarningIcon from '@material-ui/icons/Warning';
import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  Environment,
  FleetStatus,
} from '@internal/plugin-secrets-sync-common';
import { FleetCell } from './FleetCell';
import { secretsTabLink } from './fleetLinks';

function ownerName(owner?: string): string | undefined {
  return owner ? parseEntityRef(owner).name : undefined;
}

/**
 * The page of components, one row each, one column per environment shown
 * (with its engine); paged by the backend.
 */
export function FleetTable(props: {
  fleet: FleetStatus;
  environments: Environment[];
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const entityRoute = useRouteRef(entityRouteRef);
  const { fleet, environments } = props;
  return (
    <>
      <Table size="small" aria-label="Secrets of every component">
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            <TableCell>Owner</TableCell>
            {environments.map(env => (
              <TableCell
                key={env.name}
                data-testid={`fleet-column-${env.name}`}
              >
                {env.title}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {env.engine}
                  {env.restricted ? ' · restricted' : ''}
                </Typography>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {fleet.items.map(item => {
            const componentTitle =
              item.title ?? parseEntityRef(item.entityRef).name;
            return (
              <TableRow key={item.entityRef} data-entity-ref={item.entityRef}>
                <TableCell>
                  <Link to={secretsTabLink(entityRoute, item.entityRef)}>
                    {componentTitle}
                  </Link>
                  {item.conflict && (
                    <Tooltip title={item.conflict}>
                      <WarningIcon
                        fontSize="small"
                        aria-label="Writes are blocked"
                        style={{ verticalAlign: 'middle', marginLeft: 4 }}
                      />
                    </Tooltip>
                  )}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {item.tenantKey}
                  </Typography>
                </TableCell>
                <TableCell>{ownerName(item.owner) ?? '—'}</TableCell>
                {environments.map(env => {
                  const status = item.environments.find(
                    e => e.environment === env.name,
                  );
                  return (
                    <TableCell key={env.name}>
                      {status ? (
                        <FleetCell
                          status={status}
                          environmentTitle={env.title}
                          componentTitle={componentTitle}
                          link={secretsTabLink(
                            entityRoute,
                            item.entityRef,
                            env.name,
                          )}
                        />
                      ) : (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          aria-label={`Not in ${env.title}`}
                        >
                          —
                        </Typography>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={fleet.totalEntities}
        page={props.page}
        rowsPerPage={props.pageSize}
        rowsPerPageOptions={[props.pageSize]}
        onPageChange={(_, page) => props.onPage(page)}
      />
    </>
  );
}
