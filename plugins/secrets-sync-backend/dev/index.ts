import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// The plugin alone, against the local stack (yarn sandbox:start) and the
// secretsSync section of the repository's app-config.yaml. Start it with
// `yarn start` in this package, then for example:
//
//   curl localhost:7007/api/secrets-sync/environments
//   curl localhost:7007/api/secrets-sync/entities/component/default/sample/topology
//   curl 'localhost:7007/api/secrets-sync/fleet?environment=dev&status=synced'
//   curl localhost:7007/api/secrets-sync/entities/component/default/sample/values \
//     -H 'Content-Type: application/json' -d '{"environments":["dev"],"set":{"GREETING":"hello"}}'
//
// Requests are made as the mock user, and every permission is allowed.

// integration-aws-node has no STS endpoint setting; the AWS SDK reads this
process.env.AWS_ENDPOINT_URL_STS ??= 'http://127.0.0.1:4566';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'sample',
          annotations: { 'secrets-sync.io/environments': 'dev, prod' },
        },
        spec: {
          type: 'website',
          owner: 'user:default/mock',
          lifecycle: 'experimental',
        },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
