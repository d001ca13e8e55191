import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import {
  Content,
  Header,
  InfoCard,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { SecretsSyncCard } from '../src/components/SecretsSyncCard';
import { SecretsSyncContent } from '../src/components/SecretsSyncContent';
import { DEV_ENTITIES } from './entities';

/** A stand-in for the catalog's entity page with the plugin's tab and card. */
export function DevEntityPage() {
  const { name } = useParams();
  const entity = DEV_ENTITIES.find(e => e.metadata.name === name);
  if (!entity) {
    return <Typography>No dev entity named {name}</Typography>;
  }
  return (
    <EntityProvider entity={entity}>
      <Page themeId="service">
        <Header
          title={entity.metadata.name}
          subtitle={entity.metadata.description}
          type="component — website"
        />
        <TabbedLayout>
          <TabbedLayout.Route path="/" title="Overview">
            <Content>
              <Grid container spacing={3}>
                <Grid item xs={12} md={6}>
                  <InfoCard title="About">
                    <Typography variant="body2">
                      {entity.metadata.description}
                    </Typography>
                  </InfoCard>
                </Grid>
                <Grid item xs={12} md={6}>
                  <SecretsSyncCard />
                </Grid>
              </Grid>
            </Content>
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/secrets" title="Secrets">
            <Content>
              <SecretsSyncContent
                writeProgress={{ pollIntervalMs: 1000, timeoutMs: 30_000 }}
              />
            </Content>
          </TabbedLayout.Route>
        </TabbedLayout>
      </Page>
    </EntityProvider>
  );
}
