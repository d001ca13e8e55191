import type { V1Namespace } from '@kubernetes/client-node';
import type { CustomObject, CustomObjectApi } from '../../../Kubernetes';
import type { ClusterExternalSecretContract } from './contractSchema';

/** A label selector as Kubernetes serves it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

/**
 * The parts of an ESO ClusterExternalSecret (`external-secrets.io/v1`, ESO
 * 0.16) the engine reads: whom it selects, what it names the ExternalSecrets
 * it creates, and what ESO says it did in each namespace.
 */
export interface ClusterExternalSecret extends CustomObject {
  spec?: {
    namespaceSelector?: LabelSelector;
    namespaceSelectors?: LabelSelector[];
    namespaces?: string[];
    externalSecretName?: string;
    externalSecretMetadata?: {
      annotations?: Record<string, string>;
      labels?: Record<string, string>;
    };
    externalSecretSpec?: unknown;
    refreshTime?: string;
  };
  status?: {
    externalSecretName?: string;
    provisionedNamespaces?: string[];
    failedNamespaces?: Array<{ namespace: string; reason?: string }>;
    conditions?: Array<{ type: string; status: string; message?: string }>;
  };
}

/** Where ClusterExternalSecrets are served in a contract's API. */
export function clusterExternalSecretApi(
  contract: ClusterExternalSecretContract,
): CustomObjectApi {
  return {
    group: contract.apiGroup,
    version: contract.apiVersion,
    plural: 'clusterexternalsecrets',
  };
}

/** The name of the ExternalSecret ESO creates in each namespace. */
export function externalSecretNameOf(ces: ClusterExternalSecret): string {
  return ces.spec?.externalSecretName || (ces.metadata.name ?? '');
}

function matches(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every(expression => {
      const value = labels[expression.key];
      const values = expression.values ?? [];
      switch (expression.operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          return false;
      }
    })
  );
}

/**
 * The namespaces the ClusterExternalSecret selects as ESO 0.16 does
 * (`utils.GetTargetNamespaces`): those named in `spec.namespaces` and those
 * any of its selectors match, plus every namespace ESO's status still
 * lists (a namespace it provisioned keeps its ExternalSecret until ESO
 * reconciles again). Sorted by name.
 */
export function selectedNamespaces(
  ces: ClusterExternalSecret,
  namespaces: V1Namespace[],
): string[] {
  const selectors = [
    ...(ces.spec?.namespaceSelector ? [ces.spec.namespaceSelector] : []),
    ...(ces.spec?.namespaceSelectors ?? []),
  ];
  const named = new Set(ces.spec?.namespaces ?? []);
  const selected = new Set<string>();
  for (const namespace of namespaces) {
    const name = namespace.metadata?.name ?? '';
    const labels = namespace.metadata?.labels ?? {};
    if (
      named.has(name) ||
      selectors.some(selector => matches(selector, labels))
    ) {
      selected.add(name);
    }
  }
  for (const name of ces.status?.provisionedNamespaces ?? []) {
    selected.add(name);
  }
  for (const failure of ces.status?.failedNamespaces ?? []) {
    selected.add(failure.namespace);
  }
  return [...selected].sort();
}

/** What ESO's status says of one namespace. */
export function namespaceStateOf(
  ces: ClusterExternalSecret,
  namespace: string,
): { state: 'provisioned' | 'failed' | 'selected'; reason?: string } {
  const failure = ces.status?.failedNamespaces?.find(
    entry => entry.namespace === namespace,
  );
  if (failure) {
    return { state: 'failed', reason: failure.reason ?? 'no reason given' };
  }
  return ces.status?.provisionedNamespaces?.includes(namespace)
    ? { state: 'provisioned' }
    : { state: 'selected' };
}

/** ESO's `Ready` condition of the ClusterExternalSecret. */
export function readyOf(
  ces: ClusterExternalSecret,
): 'True' | 'False' | 'Unknown' | undefined {
  const status = ces.status?.conditions?.find(
    condition => condition.type === 'Ready',
  )?.status;
  return status === 'True' || status === 'False' || status === 'Unknown'
    ? status
    : undefined;
}
