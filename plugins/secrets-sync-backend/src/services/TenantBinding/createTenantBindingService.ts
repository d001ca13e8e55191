import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { canonicalEntityRef } from '../../lib/domain/entityRefs';
import { TenantNotBoundError } from '../../lib/infra/TenantNotBoundError';
import { unreadTopology } from '../../lib/domain/unreadTopology';
import { toStatusReason } from '../../lib/infra/upstreamErrors';
import type { KubernetesService } from '../Kubernetes';
import { clusterOf, namespaceOf, settle } from '../SyncEngine/readHelpers';
import type { SyncEngineResolver, SyncTarget } from '../SyncEngine';
import { TenantBinding, TenantBindingService } from './types';

/** The binding's entity ref, canonical; undefined when it is not a full ref. */
function canonicalRef(value: string | undefined): string | undefined {
  return value?.trim() ? canonicalEntityRef(value.trim()) : undefined;
}

function stateOf(
  boundTo: string | undefined,
  target: SyncTarget,
): 'bound' | 'bound-elsewhere' | 'unbound' {
  if (!boundTo) {
    return 'unbound';
  }
  return boundTo === canonicalRef(target.entityRef)
    ? 'bound'
    : 'bound-elsewhere';
}

/**
 * Why a binding refuses the target, saying who must bind it and how. Never
 * names the entity another binding names.
 */
export function bindingRefusal(
  target: SyncTarget,
  binding: TenantBinding,
): string {
  const { environment, tenantKey, entityRef } = target;
  const env = environment.name;
  const cluster = environment.kubernetes.name;
  const { namespace } = binding;
  const annotation = environment.binding.annotation;
  if (binding.source === 'config') {
    return binding.state === 'bound-elsewhere'
      ? `The platform's tenant list for ${env} binds tenant key "${tenantKey}" to another entity, so ${entityRef} may not see or change its secrets there. If "${tenantKey}" is this entity's key, ask the platform team to bind it to ${entityRef} (secretsSync.environments[${env}].binding.tenants).`
      : `Tenant key "${tenantKey}" is not in the platform's tenant list for ${env}, so nothing is read or written for ${entityRef} there. The platform team binds it in secretsSync.environments[${env}].binding.tenants: "${tenantKey}: ${entityRef}".`;
  }
  switch (binding.state) {
    case 'bound-elsewhere':
      return `Namespace ${namespace} in cluster ${cluster} is bound to another entity, so ${entityRef} may not see or change its secrets in ${env}. If "${tenantKey}" is this entity's key, ask the platform team to bind the namespace to ${entityRef} (annotation ${annotation}).`;
    case 'namespace-missing':
      return `Namespace ${namespace} does not exist in cluster ${cluster}. The platform creates it when "${tenantKey}" is deployed to ${env}, bound to its entity by the annotation ${annotation}=${entityRef}; until then nothing is read or written for ${env}.`;
    default:
      return `Namespace ${namespace} in cluster ${cluster} is not bound to an entity, so nothing is read or written for ${entityRef} in ${env}. The platform team binds it by annotating the namespace: ${annotation}=${entityRef}.`;
  }
}

/** What an environment shows when its facts are withheld: configured names only. */
function withheldTopology(
  target: SyncTarget,
  binding: TenantBinding,
  reason: EnvironmentTopology['reason'],
): EnvironmentTopology {
  return unreadTopology(target.environment, {
    status:
      binding.state === 'namespace-missing' ? 'namespace-missing' : 'error',
    withheld: true,
    reason,
    namespace: binding.namespace,
    namespaceExists: binding.state !== 'namespace-missing',
  });
}

/**
 * Creates the tenant binding service. An environment's binding is the
 * platform's tenant list in config when it has one, otherwise the binding
 * annotation on the tenant's namespace.
 */
export function createTenantBindingService(options: {
  kubernetes: Pick<KubernetesService, 'getNamespace'>;
  engines: SyncEngineResolver;
}): TenantBindingService {
  const { kubernetes, engines } = options;

  async function read(
    target: SyncTarget,
    readOptions?: { consistent?: boolean },
  ): Promise<TenantBinding> {
    const namespace = namespaceOf(target);
    const { tenants, annotation } = target.environment.binding;
    if (tenants) {
      return {
        source: 'config',
        namespace,
        state: stateOf(canonicalRef(tenants[target.tenantKey]), target),
      };
    }
    const object = await kubernetes.getNamespace(
      clusterOf(target),
      namespace,
      readOptions,
    );
    if (!object) {
      return { source: 'namespace', namespace, state: 'namespace-missing' };
    }
    return {
      source: 'namespace',
      namespace,
      state: stateOf(
        canonicalRef(object.metadata?.annotations?.[annotation]),
        target,
      ),
    };
  }

  return {
    read,

    async assertBound(target) {
      const binding = await read(target, { consistent: true });
      if (binding.state !== 'bound') {
        throw new TenantNotBoundError(bindingRefusal(target, binding));
      }
    },

    async readStatus(target) {
      const [binding, status] = await Promise.all([
        settle(read(target)),
        settle(engines(target.environment).readStatus(target)),
      ]);
      if (binding.value?.state === 'bound') {
        if (status.error) {
          throw status.error;
        }
        return status.value!;
      }
      const namespace = namespaceOf(target);
      if (!binding.value) {
        // the binding cannot be read, so neither can anything be shown
        return withheldTopology(
          target,
          { source: 'namespace', namespace, state: 'unbound' },
          toStatusReason(binding.error, 'kubernetes'),
        );
      }
      return withheldTopology(target, binding.value, {
        code: 'not-bound',
        hop: 'binding',
        message: bindingRefusal(target, binding.value),
      });
    },
  };
}
