import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { InfoCard } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { useEntityTopology } from '../../hooks/useEntityTopology';
import { errorMessage, isUnreachable } from '../../lib/errorMessage';
import { relativeTime } from '../../lib/time';
import { StatusChip } from '../StatusChip';

/**
 * Props of {@link EntitySecretsSyncCard}.
 *
 * @public
 */
export interface SecretsSyncCardProps {
  /** Where the Secrets tab lives, relative to the entity page. */
  contentPath?: string;
}

function CardBody() {
  const { value: topology, loading, error } = useEntityTopology();
  if (loading && !topology) {
    return (
      <>
        <Skeleton />
        <Skeleton />
      </>
    );
  }
  if (error) {
    return (
      <Typography color="error" variant="body2">
        {isUnreachable(error)
          ? 'The secrets-sync backend could not be reached.'
          : errorMessage(error)}
      </Typography>
    );
  }
  if (!topology?.optedIn) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not set up: add the secrets-sync annotations to this component.
      </Typography>
    );
  }
  if (topology.environments.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No environments listed for this component.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Secrets by environment">
      {topology.environments.map(env => {
        const changed = relativeTime(env.aws.lastChangedAt);
        return (
          <ListItem key={env.environment.name} disableGutters>
            <ListItemText
              primary={env.environment.title}
              secondary={
                changed
                  ? `${env.keys.length} keys · changed ${changed}`
                  : `${env.keys.length} keys`
              }
            />
            <ListItemSecondaryAction>
              <StatusChip status={env.status} />
            </ListItemSecondaryAction>
          </ListItem>
        );
      })}
    </List>
  );
}

/**
 * Overview card: each environment's sync status at a glance.
 *
 * @public
 */
export function SecretsSyncCard(props: SecretsSyncCardProps) {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const link = `${entityRoute(entityRouteParams(entity))}/${
    props.contentPath ?? 'secrets'
  }`;
  return (
    <InfoCard title="Secrets" deepLink={{ title: 'See the topology', link }}>
      <CardBody />
    </InfoCard>
  );
}
