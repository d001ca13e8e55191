import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import secretsSyncPlugin from '@internal/plugin-secrets-sync-backend';
import secretsSyncPolicyModule from '@internal/plugin-secrets-sync-backend-module-permission-policy';
import { stringify } from 'yaml';
import { mockAuthWithActors } from './mockAuthWithActors';

/**
 * The portal's backend as packages/backend wires it, in this process: the
 * real catalog (reading `entities` from a file), the real permission
 * backend with the portal's default policy, and secrets-sync. Only sign-in
 * is mocked: requests carry `mockCredentials` tokens, and `ownership` says
 * which groups each user belongs to, as the sign-in resolver would.
 *
 * @public
 */
export interface RunningPortalBackend {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  stop(): Promise<void>;
}

function userInfoFactory(ownership: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type !== 'user' || !principal.userEntityRef) {
          throw new Error(`No user info for a ${principal.type} principal`);
        }
        const ref = principal.userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(ownership[ref] ?? [])],
        };
      },
    }),
  });
}

async function waitForCatalog(origin: string, entities: Entity[]) {
  const deadline = Date.now() + 60_000;
  for (const entity of entities) {
    const url = `${origin}/api/catalog/entities/by-name/${entity.kind}/${
      entity.metadata.namespace ?? 'default'
    }/${entity.metadata.name}`;
    for (;;) {
      const response = await fetch(url, {
        headers: { authorization: mockCredentials.service.header() },
      });
      if (response.ok) {
        const stored = (await response.json()) as Entity;
        const needsOwner = Boolean(entity.spec?.owner);
        if (
          !needsOwner ||
          stored.relations?.some(relation => relation.type === 'ownedBy')
        ) {
          break;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(
          `The catalog did not ingest ${stringifyEntityRef(
            entity,
          )} within 60 s`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

/**
 * Starts {@link RunningPortalBackend} and waits until the catalog has
 * ingested every entity with its ownership relations.
 *
 * @public
 */
export async function startPortalBackend(options: {
  config: object;
  entities: Entity[];
  ownership: Record<string, string[]>;
  /** More plugins or modules, such as a host for the scaffolder's action. */
  features?: BackendFeature[];
}): Promise<RunningPortalBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-catalog-'));
  const file = path.join(dir, 'entities.yaml');
  fs.writeFileSync(
    file,
    options.entities.map(entity => stringify(entity)).join('---\n'),
  );
  const backend = await startTestBackend({
    features: [
      secretsSyncPlugin,
      catalogPlugin,
      permissionPlugin,
      secretsSyncPolicyModule,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'User', 'Group'] }],
            locations: [{ type: 'file', target: file }],
          },
        },
      }),
      ...mockAuthWithActors(),
      userInfoFactory(options.ownership),
      ...(options.features ?? []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  await waitForCatalog(origin, options.entities);
  return {
    server: backend.server,
    origin,
    stop: async () => {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
