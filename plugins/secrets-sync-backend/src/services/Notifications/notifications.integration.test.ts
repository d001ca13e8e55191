import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
// the portal's backends, installed by packages/backend
import notificationsBackend from '@backstage/plugin-notifications-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import request from 'supertest';
import type { EnvironmentConfig } from '../../config';
import type { FleetService } from '../Fleet';
import type { SecretsSyncService } from '../SecretsSync';
import { createOwnerNotifier } from './createOwnerNotifier';
import { createStatusWatch } from './createStatusWatch';
import { withWriteNotifications } from './withWriteNotifications';

const CANARY = 'CANARY-notification-9c41-never-sent';
const OWNER = 'user:default/owner';
const CHECKOUT = 'component:default/checkout';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: OWNER, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: OWNER }],
};
const owner: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'owner', namespace: 'default' },
  spec: {},
};

const PROD = {
  name: 'prod',
  title: 'Production',
  restricted: true,
  aws: { accountId: '222222222222', region: 'eu-west-1' },
} as EnvironmentConfig;

/**
 * The notifier against the real notifications backend (its own sqlite
 * database, its recipient resolution through the catalog): what the owner
 * reads back names who and which keys, never a value, and a status that
 * stays `error` is told once.
 */
describe('owner notifications through the notifications backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let writeValues: SecretsSyncService['writeValues'];
  let check: () => Promise<unknown>;

  beforeAll(async () => {
    const probe = createBackendPlugin({
      pluginId: 'secrets-sync',
      register(env) {
        env.registerInit({
          deps: {
            notifications: notificationService,
            logger: coreServices.logger,
            cache: coreServices.cache,
          },
          async init({ notifications, logger, cache }) {
            const notifier = createOwnerNotifier({ notifications, logger });
            const inner = {
              writeValues: async target => ({
                environment: target.environment.name,
                outcome: 'written',
                versionId: 'v-2',
              }),
            } as Partial<SecretsSyncService> as SecretsSyncService;
            writeValues = withWriteNotifications(inner, notifier).writeValues;
            const fleet: FleetService = {
              forget: async () => {},
              summarize: async ({ filters }) => ({
                items:
                  filters.status === 'error'
                    ? [
                        {
                          entityRef: CHECKOUT,
                          tenantKey: 'checkout',
                          environments: [
                            {
                              environment: 'prod',
                              status: 'error',
                              reason: {
                                code: 'access-denied',
                                message: 'AWS denied the read',
                              },
                            },
                          ],
                        },
                      ]
                    : [],
                totalEntities: filters.status === 'error' ? 1 : 0,
                statusCounts: {},
                offset: 0,
                limit: 500,
              }),
            };
            check = createStatusWatch({
              fleet,
              cache,
              notifier,
              logger,
              credentials: async () => mockCredentials.service(),
              environmentTitle: () => 'Production',
            }).check;
          },
        });
      },
    });
    ({ server } = await startTestBackend({
      features: [
        notificationsBackend,
        signalsBackend,
        catalogServiceMock.factory({ entities: [checkout, owner] }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
        probe,
      ],
    }));
  });

  async function ownersNotifications() {
    const res = await request(server)
      .get('/api/notifications/notifications')
      .set('authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    return res.body.notifications as Array<{
      payload: { title: string; description: string; link: string };
    }>;
  }

  it('tells the owner who wrote which keys in a restricted environment, without the values', async () => {
    await writeValues(
      { environment: PROD, tenantKey: 'checkout', entityRef: CHECKOUT },
      { mode: 'merge', set: { API_TOKEN: CANARY }, unset: ['OLD_KEY'] },
      { actor: 'user:default/writer' },
    );
    const [notification] = await ownersNotifications();
    expect(notification.payload).toMatchObject({
      title: 'Secret values written to Production for checkout',
      description:
        'user:default/writer set API_TOKEN and unset OLD_KEY in the restricted environment Production (account 222222222222).',
      link: '/catalog/default/component/checkout/secrets?environment=prod',
    });
    const everything = await request(server)
      .get('/api/notifications/notifications')
      .set('authorization', mockCredentials.user.header(OWNER));
    expect(JSON.stringify(everything.body)).not.toContain(CANARY);
  });

  it('tells the owner once that an environment turned error, with a link to it', async () => {
    const before = (await ownersNotifications()).length;
    await check();
    await check();
    const notifications = await ownersNotifications();
    expect(notifications).toHaveLength(before + 1);
    expect(notifications[0].payload).toMatchObject({
      title: 'checkout: Production is error',
      description:
        'The secrets of component:default/checkout in Production cannot be read or synced: AWS denied the read.',
      link: '/catalog/default/component/checkout/secrets?environment=prod',
    });
  });
});
