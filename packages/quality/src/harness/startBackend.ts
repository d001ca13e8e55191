import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import secretsSyncPlugin from '@internal/plugin-secrets-sync-backend';

/**
 * The secrets-sync backend plugin running in this process on a free port.
 *
 * @public
 */
export interface RunningBackend {
  server: Server;
  /** `http://127.0.0.1:<port>/api/secrets-sync` */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real backend plugin with mock auth and a catalog holding
 * `entities`, configured by `config` (see backendConfigData). Requests
 * without a token act as `defaultCredentials` (a guest user by default).
 *
 * @public
 */
export async function startSecretsSyncBackend(options: {
  config: object;
  entities: Entity[];
  defaultCredentials?: BackstageCredentials;
  extraFeatures?: Parameters<typeof startTestBackend>[0]['features'];
}): Promise<RunningBackend> {
  const backend = await startTestBackend({
    features: [
      secretsSyncPlugin,
      mockServices.rootConfig.factory({ data: options.config }),
      mockServices.auth.factory(),
      mockServices.httpAuth.factory({
        defaultCredentials:
          options.defaultCredentials ??
          mockCredentials.user('user:default/guest'),
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      ...(options.extraFeatures ?? []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    server: backend.server,
    baseUrl: `http://127.0.0.1:${port}/api/secrets-sync`,
    stop: () => backend.stop(),
  };
}
