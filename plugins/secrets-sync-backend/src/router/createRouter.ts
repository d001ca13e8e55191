import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  WriteResult,
  secretsSyncConfigurePermission,
  secretsSyncForceSyncPermission,
  secretsSyncRestrictedWritePermission,
  secretsSyncSecretWritePermission,
  secretsSyncTopologyReadPermission,
} from '@internal/plugin-secrets-sync-common';
import type { Request } from 'express';
import { MutationAudit, createMutationAuditor } from '../lib/audit';
import type { SecretChange } from '../lib/secretDocument';
import { toHttpError, toStatusReason } from '../lib/upstreamErrors';
import { createOpenApiRouter } from '../schema/openapi';
import type { ResolvedEntity } from '../services/EntityMapping';
import type { FleetService } from '../services/Fleet';
import type { SecretsSyncService } from '../services/SecretsSync';
import type { SyncTarget } from '../services/SyncEngine';
import { jsonBody } from './jsonBody';
import { parseWriteRequest } from './parseWriteRequest';

type EntityParams = { kind: string; namespace: string; name: string };
type Caller = { credentials: BackstageCredentials; actor: string };

/** Key names a write request mentions, for the audit of a refused one. */
function requestedKeyNames(body: unknown): string[] {
  const { set, unset } = (body ?? {}) as { set?: unknown; unset?: unknown };
  const names = [
    ...(set && typeof set === 'object' ? Object.keys(set) : []),
    ...(Array.isArray(unset)
      ? unset.filter(key => typeof key === 'string')
      : []),
  ];
  return [...new Set(names)].sort();
}

function requestedEnvironments(body: unknown): string {
  const { environments } = (body ?? {}) as { environments?: unknown };
  return Array.isArray(environments) ? environments.map(String).join(', ') : '';
}

/**
 * The plugin's routes, generated from `openapi.yaml` so requests are
 * validated against the contract before a handler runs. Each route resolves
 * the entity as the user sees it (404), checks permissions (403), then the
 * mapping (400/409). Mutations are audited, and so are the ones refused
 * by a handler (denied, unknown entity or environment, conflict); requests
 * the contract rejects never reach one.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  secretsSync: SecretsSyncService;
  fleet: FleetService;
}) {
  const { httpAuth, permissions, secretsSync, fleet } = options;
  const audit = createMutationAuditor(options.auditor);
  const router = await createOpenApiRouter({ middleware: jsonBody() });

  /**
   * Entity routes answer people only: the permission framework allows every
   * service principal without asking the policy, and each write must be
   * audited against the person who made it.
   */
  async function caller(
    req: Parameters<HttpAuthService['credentials']>[0],
  ): Promise<Caller> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return {
      credentials,
      actor: credentials.principal.userEntityRef,
    };
  }

  async function authorize(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      {
        credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${permission.name} for ${entityRef}`,
      );
    }
  }

  async function entityFor(
    params: EntityParams,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntity> {
    const entity = await secretsSync.resolveEntity({
      entityRef: stringifyEntityRef(params),
      credentials,
    });
    await authorize(permission, entity.entityRef, credentials);
    return entity;
  }

  function accountOf(environment: string): string | undefined {
    return secretsSync.listEnvironments().find(env => env.name === environment)
      ?.aws.accountId;
  }

  /** Everything a write checks before touching AWS; refusals are audited by the caller. */
  async function prepareWrite(
    req: Request,
    credentials: BackstageCredentials,
  ): Promise<{
    entity: ResolvedEntity;
    targets: SyncTarget[];
    change: SecretChange;
  }> {
    const request = parseWriteRequest(req.body);
    const environments = secretsSync.getEnvironments(request.environments);
    const entity = await entityFor(
      req.params as EntityParams,
      secretsSyncSecretWritePermission,
      credentials,
    );
    const restricted = environments
      .filter(env => env.restricted)
      .map(env => env.name);
    if (restricted.length) {
      await authorize(
        secretsSyncRestrictedWritePermission,
        entity.entityRef,
        credentials,
      );
    }
    const targets = secretsSync.targetsFor(entity, environments);
    if (restricted.length && !request.confirmRestricted) {
      throw new InputError(
        `${restricted.join(
          ', ',
        )} is restricted: set confirmRestricted to true to write to it`,
      );
    }
    return { entity, targets, change: request.change };
  }

  /** One environment's write, in its own audit event; a failure becomes its result. */
  async function writeOne(
    base: Omit<MutationAudit, 'environment' | 'accountId'>,
    target: SyncTarget,
    change: SecretChange,
  ): Promise<{ result: WriteResult; error?: unknown }> {
    try {
      const result = await audit.run(
        {
          ...base,
          environment: target.environment.name,
          accountId: target.environment.aws.accountId,
        },
        () => secretsSync.writeValues(target, change),
        written => ({
          outcome: written.outcome,
          ...(written.versionId ? { versionId: written.versionId } : {}),
        }),
      );
      return { result };
    } catch (error) {
      return {
        error,
        result: {
          environment: target.environment.name,
          outcome: 'failed',
          error: toStatusReason(error),
        },
      };
    }
  }

  router.get('/environments', async (_req, res) => {
    res.json({ items: secretsSync.listEnvironments() });
  });

  router.get('/fleet', async (req, res) => {
    const { credentials } = await caller(req);
    const { environment, status, owner, offset, limit } = req.query;
    res.json(
      await fleet.summarize({
        credentials,
        filters: {
          environment,
          status,
          owner,
          offset: Number(offset ?? 0),
          limit: Number(limit ?? 500),
        },
        // one batch for every entity: the permission framework's own batching
        async authorize(entityRefs) {
          const decisions = await permissions.authorize(
            entityRefs.map(resourceRef => ({
              permission: secretsSyncTopologyReadPermission,
              resourceRef,
            })),
            { credentials },
          );
          return new Set(
            entityRefs.filter(
              (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
            ),
          );
        },
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/topology', async (req, res) => {
    const { credentials } = await caller(req);
    const entity = await entityFor(
      req.params,
      secretsSyncTopologyReadPermission,
      credentials,
    );
    res.json(await secretsSync.getTopology(entity));
  });

  router.post('/entities/:kind/:namespace/:name/values', async (req, res) => {
    const { credentials, actor } = await caller(req);
    const base = {
      eventId: 'secret-write' as const,
      request: req,
      actor,
      entityRef: stringifyEntityRef(req.params),
      keyNames: requestedKeyNames(req.body),
      meta: { mode: req.body?.mode ?? 'merge' },
    };
    let prepared;
    try {
      prepared = await prepareWrite(req, credentials);
    } catch (error) {
      await audit.reject(
        { ...base, environment: requestedEnvironments(req.body) },
        error,
      );
      throw error;
    }
    const { entity, targets, change } = prepared;
    const outcomes = await Promise.all(
      targets.map(target =>
        writeOne({ ...base, entityRef: entity.entityRef }, target, change),
      ),
    );
    const failed = outcomes.filter(outcome => outcome.error !== undefined);
    if (failed.length === outcomes.length) {
      // nothing was written anywhere: answer with the failure's own status
      throw toHttpError(failed[0].error);
    }
    res.json({ results: outcomes.map(outcome => outcome.result) });
  });

  router.post(
    '/entities/:kind/:namespace/:name/environments/:environment/sync',
    async (req, res) => {
      const { credentials, actor } = await caller(req);
      const result = await audit.run(
        {
          eventId: 'sync-force',
          request: req,
          actor,
          entityRef: stringifyEntityRef(req.params),
          environment: req.params.environment,
          accountId: accountOf(req.params.environment),
        },
        async () => {
          const environments = secretsSync.getEnvironments([
            req.params.environment,
          ]);
          const entity = await entityFor(
            req.params,
            secretsSyncForceSyncPermission,
            credentials,
          );
          const [target] = secretsSync.targetsFor(entity, environments);
          return secretsSync
            .forceSync(target)
            .catch(error => Promise.reject(toHttpError(error)));
        },
        response => ({ outcome: 'requested', targets: response.targets ?? [] }),
      );
      res.json(result);
    },
  );

  router.put(
    '/entities/:kind/:namespace/:name/environments/:environment/enabled',
    async (req, res) => {
      const { credentials, actor } = await caller(req);
      const result = await audit.run(
        {
          eventId: 'sync-configure',
          request: req,
          actor,
          entityRef: stringifyEntityRef(req.params),
          environment: req.params.environment,
          accountId: accountOf(req.params.environment),
          meta: { enabled: req.body.enabled },
        },
        async () => {
          const environments = secretsSync.getEnvironments([
            req.params.environment,
          ]);
          const entity = await entityFor(
            req.params,
            secretsSyncConfigurePermission,
            credentials,
          );
          const [target] = secretsSync.targetsFor(entity, environments);
          return secretsSync
            .setEnabled(target, req.body.enabled)
            .catch(error => Promise.reject(toHttpError(error)));
        },
        () => ({ outcome: 'applied' }),
      );
      res.json(result);
    },
  );

  return router;
}
