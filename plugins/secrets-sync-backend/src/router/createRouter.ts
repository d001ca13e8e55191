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
import { createAuditedRunner } from '../lib/audit';
import { toHttpError, toStatusReason } from '../lib/upstreamErrors';
import { createOpenApiRouter } from '../schema/openapi';
import type { SecretsSyncService } from '../services/SecretsSync';
import { jsonBody } from './jsonBody';
import { parseWriteRequest } from './parseWriteRequest';

type EntityParams = { kind: string; namespace: string; name: string };

/**
 * The plugin's routes, generated from `openapi.yaml` so requests are
 * validated against the contract before a handler runs.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  secretsSync: SecretsSyncService;
}) {
  const { httpAuth, permissions, auditor, secretsSync } = options;
  const audited = createAuditedRunner(auditor);
  const router = await createOpenApiRouter({ middleware: jsonBody() });

  async function authorize(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${permission.name} for ${entityRef}`,
      );
    }
  }

  function actorOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    return principal.userEntityRef ?? principal.subject ?? 'unknown';
  }

  /** Resolves the entity (404) and checks the permission (403), in that order. */
  async function entityFor(
    req: Request,
    params: EntityParams,
    permission: ResourcePermission<'catalog-entity'>,
  ) {
    const credentials = await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef(params);
    const entity = await secretsSync.resolveEntity({ entityRef, credentials });
    await authorize(permission, entity.entityRef, credentials);
    return { entity, credentials };
  }

  router.get('/environments', async (_req, res) => {
    res.json({ items: secretsSync.listEnvironments() });
  });

  router.get('/entities/:kind/:namespace/:name/topology', async (req, res) => {
    const { entity } = await entityFor(
      req,
      req.params,
      secretsSyncTopologyReadPermission,
    );
    res.json(await secretsSync.getTopology(entity));
  });

  router.post('/entities/:kind/:namespace/:name/values', async (req, res) => {
    const request = parseWriteRequest(req.body);
    const environments = secretsSync.getEnvironments(request.environments);
    const { entity, credentials } = await entityFor(
      req,
      req.params,
      secretsSyncSecretWritePermission,
    );
    const restricted = environments.filter(env => env.restricted);
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
        `${restricted
          .map(env => env.name)
          .join(
            ', ',
          )} is restricted: set confirmRestricted to true to write to it`,
      );
    }
    const keyNames = [
      ...Object.keys(request.change.set),
      ...request.change.unset,
    ].sort();
    const outcomes = await Promise.all(
      targets.map(target =>
        audited(
          {
            eventId: 'secret-write',
            request: req,
            actor: actorOf(credentials),
            entityRef: entity.entityRef,
            environment: target.environment.name,
            accountId: target.environment.aws.accountId,
            keyNames,
            meta: { mode: request.change.mode },
          },
          () => secretsSync.writeValues(target, request.change),
          result => ({
            outcome: result.outcome,
            ...(result.versionId ? { versionId: result.versionId } : {}),
          }),
        ).then(
          (result): { result: WriteResult; error?: unknown } => ({ result }),
          error => ({
            error,
            result: {
              environment: target.environment.name,
              outcome: 'failed' as const,
              error: toStatusReason(error),
            },
          }),
        ),
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
      const [environment] = secretsSync.getEnvironments([
        req.params.environment,
      ]);
      const { entity, credentials } = await entityFor(
        req,
        req.params,
        secretsSyncForceSyncPermission,
      );
      const [target] = secretsSync.targetsFor(entity, [environment]);
      const result = await audited(
        {
          eventId: 'sync-force',
          request: req,
          actor: actorOf(credentials),
          entityRef: entity.entityRef,
          environment: environment.name,
          accountId: environment.aws.accountId,
        },
        () =>
          secretsSync
            .forceSync(target)
            .catch(error => Promise.reject(toHttpError(error))),
        response => ({ outcome: 'requested', targets: response.targets ?? [] }),
      );
      res.json(result);
    },
  );

  router.put(
    '/entities/:kind/:namespace/:name/environments/:environment/enabled',
    async (req, res) => {
      const [environment] = secretsSync.getEnvironments([
        req.params.environment,
      ]);
      const { entity, credentials } = await entityFor(
        req,
        req.params,
        secretsSyncConfigurePermission,
      );
      const [target] = secretsSync.targetsFor(entity, [environment]);
      const result = await audited(
        {
          eventId: 'sync-configure',
          request: req,
          actor: actorOf(credentials),
          entityRef: entity.entityRef,
          environment: environment.name,
          accountId: environment.aws.accountId,
          meta: { enabled: req.body.enabled },
        },
        () =>
          secretsSync
            .setEnabled(target, req.body.enabled)
            .catch(error => Promise.reject(toHttpError(error))),
        () => ({ outcome: 'applied' }),
      );
      res.json(result);
    },
  );

  return router;
}
