import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { secretsSyncApiRef } from '../../api';
import { isSecretsSyncAvailable } from '../../lib/isSecretsSyncAvailable';
import { StatusChip } from '../StatusChip';
import {
  type ReceivedSharedSecret,
  sharedSecretsReceivedBy,
} from './sharedSecretsReceived';

/** The list of {@link SharedSecretsReceived}, read-only: shared secrets are the platform's to change. */
export function SharedSecretsReceivedList(props: {
  namespace: string;
  received: ReceivedSharedSecret[];
}) {
  const { namespace, received } = props;
  return (
    <section aria-label="Shared secrets">
      <Typography variant="overline" component="h3">
        Shared secrets namespace {namespace} receives
      </Typography>
      <List dense disablePadding aria-label="Shared secrets received">
        {received.map(secret => (
          <ListItem
            key={`${secret.entityRef}|${secret.environment}`}
            disableGutters
          >
            <ListItemText
              primary={
                <>
                  <EntityRefLink
                    entityRef={parseEntityRef(secret.entityRef)}
                    title={secret.title}
                  />{' '}
                  <StatusChip status={secret.status} />
                </>
              }
              secondary={`ClusterExternalSecret ${
                secret.clusterExternalSecret
              } in ${secret.environment}${
                secret.secretName ? `, Secret ${secret.secretName}` : ''
              }. The platform team writes it on its own page.`}
            />
          </ListItem>
        ))}
      </List>
    </section>
  );
}

function titleOf(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

/**
 * The shared secrets (catalog Resources on the cluster-external-secret
 * engine) whose ClusterExternalSecret provisioned the environment's
 * namespace, as far as the signed-in user may read them; nothing is shown
 * when there are none.
 */
export function SharedSecretsReceived(props: { env: EnvironmentTopology }) {
  const { cluster, namespace } = props.env.kubernetes;
  // an app without the catalog (or a test rendering the tab alone) shows nothing here
  const apis = useApiHolder();
  const catalogApi = apis.get(catalogApiRef);
  const api = apis.get(secretsSyncApiRef);
  const { value } = useAsync(async () => {
    if (!catalogApi || !api) {
      return [];
    }
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Resource' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
      ],
    });
    const shared = items.filter(isSecretsSyncAvailable);
    const read = await Promise.all(
      shared.map(async entity => {
        try {
          const topology = await api.getEntityTopology({
            kind: entity.kind,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          });
          return [
            {
              entityRef: stringifyEntityRef(entity),
              title: titleOf(entity),
              topology,
            },
          ];
        } catch {
          // a shared secret the user may not read is left out
          return [];
        }
      }),
    );
    return sharedSecretsReceivedBy({ cluster, namespace }, read.flat());
  }, [catalogApi, api, cluster, namespace]);
  if (!value || value.length === 0) {
    return null;
  }
  return <SharedSecretsReceivedList namespace={namespace} received={value} />;
}
