import type { EnvironmentSpec } from '../harness/backendConfig';
import { tenantComponent } from '../harness/entities';
import { createTenantNamespace } from '../harness/kubeFixtures';
import type { RunningBackend } from '../harness/startBackend';
import { request } from './benchStack';
import { runPool } from './stats';

/** A benchmark tenant: its catalog entity and the environments it runs in. @public */
export interface BenchTenant {
  key: string;
  environments: EnvironmentSpec[];
}

/** The catalog entities of the tenants. @public */
export function benchEntities(tenants: BenchTenant[]) {
  return tenants.map(tenant =>
    tenantComponent({
      name: tenant.key,
      environments: tenant.environments.map(env => env.name),
    }),
  );
}

/**
 * Gives every tenant an opted-in namespace in each cluster it runs in and a
 * secret document in each environment, written through `backend`, so that
 * reads measure the full path (DescribeSecret, GetSecretValue, Namespace,
 * Secret).
 *
 * @public
 */
export async function seedTenants(
  backend: RunningBackend,
  tenants: BenchTenant[],
  concurrency = 10,
) {
  await runPool(tenants, concurrency, async tenant => {
    // one namespace per cluster and namespace template, bound to the tenant
    const namespaces = new Map(
      tenant.environments.map(env => {
        const template = env.contract?.namespaceTemplate;
        return [`${env.cluster}/${template ?? ''}`, { ...env, template }];
      }),
    );
    for (const { cluster, template } of namespaces.values()) {
      await createTenantNamespace(cluster, tenant.key, {
        namespaceTemplate: template,
      });
    }
    await request(
      backend,
      'POST',
      `/entities/component/default/${tenant.key}/values`,
      {
        environments: tenant.environments.map(env => env.name),
        set: { DATABASE_URL: 'postgres://bench', API_TOKEN: 'bench-token' },
        confirmRestricted: true,
      },
    );
  });
}
