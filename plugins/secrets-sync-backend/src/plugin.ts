import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { secretsSyncPermissions } from '@internal/plugin-secrets-sync-common';
import { registerSecretsSyncActions } from './actions';
import { readSecretsSyncConfig } from './config';
import { createRouter } from './router/createRouter';
import {
  createAwsClients,
  createAwsSecretsService,
} from './services/AwsSecrets';
import { createEntityMappingService } from './services/EntityMapping';
import { createFleetService } from './services/Fleet';
import { createClusterReader } from './services/Kubernetes';
import { createRateLimiter } from './services/RateLimit';
import { createSecretsSyncService } from './services/SecretsSync';
import { createSyncEngines } from './services/SyncEngine';
import { createTenantBindingService } from './services/TenantBinding';

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
      }) {
        const settings = readSecretsSyncConfig(config);
        permissionsRegistry.addPermissions(secretsSyncPermissions);

        const credentialsManager =
          DefaultAwsCredentialsManager.fromConfig(config);
        const aws = createAwsSecretsService({
          clients: createAwsClients({ credentialsManager }),
          metadataTtlMs: settings.cache.awsMetadataTtlMs,
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
        const secretsSync = createSecretsSyncService({
          config: settings,
          mapping,
          aws,
          engines,
          binding,
        });
        const fleet = createFleetService({
          config: settings,
          mapping,
          aws,
          kubernetes,
          engines,
          binding,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            secretsSync,
            fleet,
            rateLimiter: createRateLimiter(settings.rateLimit),
          }),
        );
        registerSecretsSyncActions({ actionsRegistry, auth, discovery });
      },
    });
  },
});
