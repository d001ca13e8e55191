import type {
  V1Lease,
  V1Namespace,
  V1ObjectMeta,
  V1Secret,
} from '@kubernetes/client-node';
import type { NamespaceWorkloads } from '../../lib/domain/findConsumers';
import { toSecretSummary } from './secretSummary';
import type {
  CustomObject,
  CustomObjectApi,
  ExternalSecret,
  ExternalSecretApi,
  SecretSummary,
} from './types';

type Raw = { metadata?: V1ObjectMeta } & Record<string, unknown>;

/** Field ownership bookkeeping is large and unused, except each entry's time. */
function slim<T extends Raw>(object: T): T {
  const { managedFields, ...metadata } = object.metadata ?? {};
  return {
    ...object,
    metadata: {
      ...metadata,
      ...(managedFields
        ? { managedFields: managedFields.map(field => ({ time: field.time })) }
        : {}),
    },
  };
}

/** One cluster-wide collection the backend caches, and what it keeps of each object. */
export interface CachedResource<T> {
  id: string;
  paths: string[];
  transform: (raw: Raw) => T;
}

/** A collection kept as the API server serves it, minus field bookkeeping. */
function kept<T>(id: string, path: string): CachedResource<T> {
  return { id, paths: [path], transform: raw => slim(raw) as unknown as T };
}

export const NAMESPACES = kept<V1Namespace>('namespaces', '/api/v1/namespaces');

export const SECRETS: CachedResource<SecretSummary> = {
  id: 'secrets',
  paths: ['/api/v1/secrets'],
  transform: raw => toSecretSummary(raw as V1Secret),
};

/** The workload collections, by the field of `NamespaceWorkloads` they fill. */
export const WORKLOADS: {
  [K in keyof NamespaceWorkloads]: CachedResource<
    NamespaceWorkloads[K][number]
  >;
} = {
  deployments: kept('deployments', '/apis/apps/v1/deployments'),
  statefulSets: kept('statefulsets', '/apis/apps/v1/statefulsets'),
  daemonSets: kept('daemonsets', '/apis/apps/v1/daemonsets'),
  jobs: kept('jobs', '/apis/batch/v1/jobs'),
  cronJobs: kept('cronjobs', '/apis/batch/v1/cronjobs'),
  pods: kept('pods', '/api/v1/pods'),
};

/** ExternalSecrets of one API group, at the first of its versions the cluster serves. */
export function externalSecrets(
  api: ExternalSecretApi,
): CachedResource<ExternalSecret> {
  return {
    id: `externalsecrets.${api.group}/${api.versions.join(',')}`,
    paths: api.versions.map(
      version => `/apis/${api.group}/${version}/externalsecrets`,
    ),
    transform: raw => slim(raw) as unknown as ExternalSecret,
  };
}

/** Custom objects of one kind, in every namespace (or cluster-scoped). */
export function customObjects(
  api: CustomObjectApi,
): CachedResource<CustomObject> {
  return kept(
    `${api.plural}.${api.group}/${api.version}`,
    `/apis/${api.group}/${api.version}/${api.plural}`,
  );
}

/**
 * The Leases of one namespace (where an operator keeps its leader
 * election), watched per namespace rather than cluster-wide: node
 * heartbeats renew a Lease per node every few seconds elsewhere.
 */
export function leases(namespace: string): CachedResource<V1Lease> {
  return kept(
    `leases/${namespace}`,
    `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`,
  );
}
