import { secretsTabLink } from './fleetLinks';

const entityRoute = (params: {
  kind: string;
  namespace: string;
  name: string;
}) => `/catalog/${params.namespace}/${params.kind}/${params.name}`;

describe('secretsTabLink', () => {
  it("opens the entity's Secrets tab, at the environment when one is given", () => {
    expect(secretsTabLink(entityRoute, 'component:default/checkout-web')).toBe(
      '/catalog/default/component/checkout-web/secrets',
    );
    expect(
      secretsTabLink(entityRoute, 'component:shop/checkout-web', 'prod eu'),
    ).toBe(
      '/catalog/shop/component/checkout-web/secrets?environment=prod%20eu',
    );
  });
});
