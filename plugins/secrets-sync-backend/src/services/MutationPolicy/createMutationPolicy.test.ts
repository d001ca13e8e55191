import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  secretsSyncForceSyncPermission,
  secretsSyncSecretWritePermission,
} from '@internal/plugin-secrets-sync-common';
import type { EnvironmentConfig } from '../../config';
import { createRateLimiter, RateLimitedError } from '../RateLimit';
import type { SecretsSyncService } from '../SecretsSync';
import { createMutationPolicy } from './createMutationPolicy';

const DEV = { name: 'dev', restricted: false } as EnvironmentConfig;
const PROD = { name: 'prod', restricted: true } as EnvironmentConfig;

/** The policy over a service that records which checks it was asked for, in order. */
function policyWith(options: { deny?: string[]; forceSyncs?: number } = {}) {
  const asked: string[] = [];
  const deny = new Set(options.deny ?? []);
  const permissions = mockServices.permissions.mock({
    authorize: (async (requests: any[]) => {
      asked.push(`authorize ${requests[0].permission.name}`);
      return requests.map(r => ({
        result: deny.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      }));
    }) as never,
  });
  const secretsSync = {
    getEnvironments: jest.fn((names: string[]) => {
      asked.push('environments');
      return names.map(name => (name === 'prod' ? PROD : DEV));
    }),
    resolveEntity: jest.fn(async ({ entityRef }: { entityRef: string }) => {
      asked.push('entity');
      return { entity: {} as never, entityRef, optedIn: true };
    }),
    targetsFor: jest.fn(
      (entity: { entityRef: string }, envs: EnvironmentConfig[]) => {
        asked.push('mapping');
        return envs.map(environment => ({
          environment,
          tenantKey: 'web',
          entityRef: entity.entityRef,
        }));
      },
    ),
    assertBound: jest.fn(async () => {
      asked.push('binding');
    }),
  } as unknown as SecretsSyncService;
  const policy = createMutationPolicy({
    permissions,
    secretsSync,
    rateLimiter: createRateLimiter({
      windowMs: 60_000,
      writes: { perUser: 100, perEntity: 100 },
      forceSyncs: { perUser: options.forceSyncs ?? 100, perEntity: 100 },
      restarts: { perUser: 100, perEntity: 100 },
    }),
  });
  const request = (environments: string[], confirmed = false) => ({
    credentials: mockCredentials.user(),
    actor: 'user:default/mock',
    entityRef: 'component:default/web',
    environments,
    permission: secretsSyncSecretWritePermission,
    confirmed,
    action: 'write',
    limit: 'writes' as const,
  });
  return { policy, asked, request, secretsSync };
}

describe('createMutationPolicy', () => {
  it('checks in the documented order and answers the targets', async () => {
    const { policy, asked, request } = policyWith();
    const prepared = await policy.prepare(request(['dev', 'prod'], true));
    expect(prepared.targets.map(t => t.environment.name)).toEqual([
      'dev',
      'prod',
    ]);
    expect(asked).toEqual([
      'environments',
      'entity',
      'authorize secrets-sync.secret.write',
      'authorize secrets-sync.secret.write-restricted',
      'mapping',
      'binding',
    ]);
  });

  it('asks for the restricted permission only where an environment is restricted', async () => {
    const { policy, asked, request } = policyWith();
    await policy.prepare(request(['dev']));
    expect(asked).not.toContain(
      'authorize secrets-sync.secret.write-restricted',
    );
  });

  it('refuses without the restricted permission before reading the mapping', async () => {
    const { policy, asked, request } = policyWith({
      deny: ['secrets-sync.secret.write-restricted'],
    });
    await expect(policy.prepare(request(['prod'], true))).rejects.toThrow(
      NotAllowedError,
    );
    expect(asked).not.toContain('mapping');
  });

  it('refuses an unconfirmed restricted mutation before the rate limit counts it', async () => {
    const { policy, asked, request } = policyWith();
    await expect(policy.prepare(request(['dev', 'prod']))).rejects.toThrow(
      new InputError(
        'prod is restricted: set confirmRestricted to true to write there',
      ),
    );
    expect(asked).not.toContain('binding');
  });

  it('refuses past the rate limit, without counting the refused one', async () => {
    const { policy, request } = policyWith({ forceSyncs: 1 });
    const forceSync = {
      ...request(['dev']),
      permission: secretsSyncForceSyncPermission,
      limit: 'forceSyncs' as const,
    };
    await policy.prepare(forceSync);
    await expect(policy.prepare(forceSync)).rejects.toThrow(RateLimitedError);
  });

  it('answers 404 when the catalog answers with another entity than the one asked for', async () => {
    const { policy, asked, secretsSync } = policyWith();
    jest.mocked(secretsSync.resolveEntity).mockResolvedValueOnce({
      entity: {} as never,
      entityRef: 'component:default/web-other',
      optedIn: true,
    });
    await expect(
      policy.entityFor(
        'component:default/web',
        secretsSyncSecretWritePermission,
        mockCredentials.user(),
      ),
    ).rejects.toThrow(NotFoundError);
    expect(asked).not.toContain('authorize secrets-sync.secret.write');
  });
});
