import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  MAX_SECRET_DOCUMENT_BYTES,
  secretDocumentBytes,
  secretsSyncRestrictedWritePermission,
  secretsSyncSecretWritePermission,
} from '@internal/plugin-secrets-sync-common';
import type { SecretsSyncUserClient } from '../client/createUserClient';

/**
 * What a dry run can check without writing: the entity is readable by the
 * person, has every named environment, its namespace there is not withheld
 * (unbound), the person may write there (and to restricted ones, which must
 * be confirmed), and the document fits AWS's limit. The write route checks
 * all of it again, and the tenant binding and rate limits besides, when the
 * task runs for real.
 */
export async function dryRunWrite(options: {
  client: SecretsSyncUserClient;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  entity: CompoundEntityRef;
  environments: string[];
  values: Record<string, string>;
  confirmRestricted: boolean;
}): Promise<void> {
  const { client, permissions, credentials, entity, environments } = options;
  const bytes = secretDocumentBytes(options.values);
  if (bytes > MAX_SECRET_DOCUMENT_BYTES) {
    throw new InputError(
      `The values are ${bytes} bytes as a JSON document; AWS Secrets Manager accepts at most ${MAX_SECRET_DOCUMENT_BYTES}`,
    );
  }
  const topology = await client.getTopology(entity);
  const known = new Map(
    topology.environments.map(env => [env.environment.name, env]),
  );
  const unknown = environments.filter(name => !known.has(name));
  if (unknown.length) {
    throw new InputError(
      `${stringifyEntityRef(entity)} does not run in ${unknown.join(
        ', ',
      )}; its environments are ${[...known.keys()].join(', ') || 'none'}`,
    );
  }
  const withheld = environments.filter(name => known.get(name)?.withheld);
  if (withheld.length) {
    throw new NotAllowedError(
      `${withheld.join(', ')}: ${
        known.get(withheld[0])?.reason?.message ??
        'the namespace is not bound to this entity'
      }`,
    );
  }
  const restricted = environments.filter(
    name => known.get(name)?.environment.restricted,
  );
  if (restricted.length && !options.confirmRestricted) {
    throw new InputError(
      `${restricted.join(
        ', ',
      )} is restricted: set confirmRestricted to true to write there`,
    );
  }
  const resourceRef = stringifyEntityRef(entity);
  const needed = [
    secretsSyncSecretWritePermission,
    ...(restricted.length ? [secretsSyncRestrictedWritePermission] : []),
  ];
  const decisions = await permissions.authorize(
    needed.map(permission => ({ permission, resourceRef })),
    { credentials },
  );
  const denied = needed.find(
    (_, index) => String(decisions[index].result) !== 'ALLOW',
  );
  if (denied) {
    throw new NotAllowedError(
      `You are not allowed to ${denied.name} for ${resourceRef}`,
    );
  }
}
