import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
} from '@backstage/core-components';
import { DEV_ENTITIES } from './entities';

/** Links to every dev component. */
export function ScenarioIndex() {
  return (
    <Page themeId="home">
      <Header title="secrets-sync dev harness" />
      <Content>
        <InfoCard title="Components">
          <List>
            {DEV_ENTITIES.map(entity => (
              <ListItem key={entity.metadata.name}>
                <ListItemText
                  primary={
                    <Link
                      to={`/catalog/default/component/${entity.metadata.name}/secrets`}
                    >
                      {entity.metadata.name}
                    </Link>
                  }
                  secondary={entity.metadata.description}
                />
              </ListItem>
            ))}
          </List>
        </InfoCard>
      </Content>
    </Page>
  );
}
