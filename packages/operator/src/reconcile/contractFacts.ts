import type { V1Namespace, V1Secret } from '@kubernetes/client-node';
import {
  isNamespaceOptedIn,
  awsVersionStampOf,
  isOwnedByOperator,
  NamespaceAnnotationContract,
  renderTemplate,
  tenantKeyFromNamespace,
} from '@internal/plugin-secrets-sync-common';
import type { LocalFact } from './decideAction';

/**
 * What a namespace asks of the operator under the contract.
 *
 * @public
 */
export interface NamespaceIntent {
  /** Opt-in annotation set to the enabled value on a namespace that follows the template. */
  optedIn: boolean;
  /** Tenant key recovered from the namespace name, when it follows the template. */
  tenantKey?: string;
  /** AWS Secrets Manager secret name for the tenant, when there is a tenant key. */
  awsKey?: string;
  /** Current value of the force-sync annotation, if any. */
  forceSync?: string;
  /** The namespace is being deleted: nothing can be created in it any more. */
  terminating: boolean;
  /** Opted in by annotation, but the name does not follow the namespace template. */
  misnamed: boolean;
}

/**
 * Reads a namespace against the contract.
 *
 * @public
 */
export function namespaceIntent(
  contract: NamespaceAnnotationContract,
  namespace: V1Namespace,
): NamespaceIntent {
  const name = namespace.metadata?.name ?? '';
  const annotations = namespace.metadata?.annotations ?? {};
  const annotated = isNamespaceOptedIn(contract, namespace.metadata);
  const tenantKey = tenantKeyFromNamespace(contract.namespaceTemplate, name);
  return {
    optedIn: annotated && tenantKey !== undefined,
    tenantKey,
    awsKey:
      tenantKey === undefined
        ? undefined
        : renderTemplate(contract.awsKeyTemplate, tenantKey),
    forceSync: annotations[contract.forceSyncAnnotation],
    terminating: Boolean(namespace.metadata?.deletionTimestamp),
    misnamed: annotated && tenantKey === undefined,
  };
}

/**
 * Classifies the Secret of the contract's name (or its absence) and decodes
 * the data of an owned one.
 *
 * @public
 */
export function localFact(
  contract: NamespaceAnnotationContract,
  secret: V1Secret | undefined,
): LocalFact {
  if (!secret) {
    return { state: 'absent' };
  }
  if (!isOwnedByOperator(contract, secret.metadata?.labels)) {
    return { state: 'unowned' };
  }
  const versionId = awsVersionStampOf(secret.metadata);
  return {
    state: 'owned',
    data: decodeSecretData(secret.data),
    ...(versionId ? { versionId } : {}),
  };
}

/**
 * Decodes a Secret's base64 `data` into strings.
 *
 * @public
 */
export function decodeSecretData(
  data: Record<string, string> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value, 'base64').toString('utf8'),
    ]),
  );
}

/**
 * Encodes string values as a Secret's base64 `data`.
 *
 * @public
 */
export function encodeSecretData(
  data: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      Buffer.from(value, 'utf8').toString('base64'),
    ]),
  );
}
