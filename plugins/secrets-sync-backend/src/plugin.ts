import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { secretsSyncPermissions } from '@internal/plugin-secrets-sync-common';
import { registerSecretsSyncActions } from './actions';
import { readSecretsSyncConfig } from './config';
import { createRouter } from './router/createRouter';
import { keyValueDigests } from './lib/infra/valueDigest';
import {
  createAwsClients,
  createAwsSecretsService,
  createSharedCache,
} from './services/AwsSecrets';
import { createEntityMappingService } from './services/EntityMapping';
import { createFleetService } from './services/Fleet';
import {
  createOwnerNotifier,
  createStatusWatch,
  withWriteNotifications,
} from './services/Notifications';
import { createPluginHistory } from './services/History';
import { createClusterReader } from './services/Kubernetes';
import { createRateLimiter } from './services/RateLimit';
import { createSecretsSyncService } from './services/SecretsSync';
import { createSyncEngines } from './services/SyncEngine';
import { createTenantBindingService } from './services/TenantBinding';
import { createWorkloadsService } from './services/Workloads';

/**
 * The secrets-sync backend plugin.
 *
 * @public
 */
export const secretsSyncPlugin = createBackendPlugin({
  pluginId: 'secrets-sync',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        actionsRegistry: actionsRegistryServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        cache: coreServices.cache,
      },
      async init({
        config,
        auth,
        discovery,
        actionsRegistry,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        lifecycle,
        logger,
        catalog,
        database,
        scheduler,
        notifications,
        cache,
      }) {
        const settings = readSecretsSyncConfig(config);
        permissionsRegistry.addPermissions(secretsSyncPermissions);

        const credentialsManager =
          DefaultAwsCredentialsManager.fromConfig(config);
        const awsClients = createAwsClients({ credentialsManager });
        const digestSecret = settings.history.digestSecret;
        if (digestSecret) {
          keyValueDigests(digestSecret);
        }
        const shared = createSharedCache({ cache, logger });
        const aws = createAwsSecretsService({
          clients: awsClients,
          metadataTtlMs: settings.cache.awsMetadataTtlMs,
          // replicas share metadata, and digests once keyed per deployment
          shared,
          sharedDigests: digestSecret !== undefined,
        });
        const kubernetes = createClusterReader({
          credentialsManager,
          cache: settings.cache.kubernetes,
          logger,
        });
        lifecycle.addShutdownHook(() => kubernetes.stop());
        const mapping = createEntityMappingService({
          catalog,
          auth,
          tenantKeyPattern: settings.tenantKeyPattern,
          tenantKinds: settings.tenantKinds,
        });
        const engines = createSyncEngines({
          aws,
          kubernetes,
          pendingGracePeriodMs: settings.pendingGracePeriodMs,
        });
        const binding = createTenantBindingService({ kubernetes, engines });
        const history = await createPluginHistory({
          config: settings.history,
          database,
          scheduler,
          logger,
          clients: awsClients,
          aws,
          engines,
        });
        const notifier = createOwnerNotifier({ notifications, logger });
        const secretsSync = withWriteNotifications(
          createSecretsSyncService({
            config: settings,
            mapping,
            aws,
            engines,
            binding,
            recorder: history,
          }),
          notifier,
        );
        const fleet = createFleetService({
          config: settings,
          mapping,
          aws,
          kubernetes,
          shared,
        });

        await createStatusWatch({
          fleet,
          cache,
          notifier,
          logger,
          credentials: () => auth.getOwnServiceCredentials(),
          environmentTitle: name =>
            settings.environments.find(e => e.name === name)?.title ?? name,
        }).schedule(scheduler, {
          milliseconds: settings.notifications.statusCheckIntervalMs,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            secretsSync,
            fleet,
            history,
            workloads: createWorkloadsService({ engines, kubernetes }),
            rateLimiter: createRateLimiter(settings.rateLimit),
          }),
        );
        registerSecretsSyncActions({ actionsRegistry, auth, discovery });
      },
    });
  },
});
