import { Content, Header, Page } from '@backstage/core-components';
import { FleetContent } from './FleetContent';

/**
 * The fleet page: every opted-in component in each environment, with counts
 * per status, filters and links to each component's Secrets tab.
 *
 * @public
 */
export function FleetPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Secrets fleet"
        subtitle="Where every component's secrets stand, in each environment"
      />
      <Content>
        <FleetContent />
      </Content>
    </Page>
  );
}
