import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type {
  EntityTopology,
  EnvironmentTopology,
  WriteResult,
} from '@internal/plugin-secrets-sync-common';
import {
  awsClientConfigFor,
  SANDBOX_ACCOUNTS,
  SandboxCluster,
} from '@internal/sandbox';
import { tenantComponent, uniqueName } from '../harness/entities';
import { createTenantNamespace } from '../harness/kubeFixtures';
import { FAULT_CONTRACT } from './faultStack';

/**
 * One tenant of a fault test: a component in dev and prod, with an
 * opted-in namespace in both clusters.
 *
 * @public
 */
export interface FaultTenant {
  key: string;
  entity: ReturnType<typeof tenantComponent>;
  entityPath: string;
}

/** @public */
export function faultTenant(prefix: string): FaultTenant {
  const key = uniqueName(prefix);
  return {
    key,
    entity: tenantComponent({ name: key, environments: ['dev', 'prod'] }),
    entityPath: `/entities/component/default/${key}`,
  };
}

/** Creates the tenant's namespaces, opted in under the fault contract. @public */
export async function prepareNamespaces(tenant: FaultTenant) {
  for (const cluster of ['dev', 'prod'] as const) {
    await createTenantNamespace(cluster, tenant.key, {
      optInAnnotation: FAULT_CONTRACT.optInAnnotation,
    });
  }
}

/**
 * A JSON call to the backend, with how long it took. A call still running
 * after `timeoutMs` is reported as status 0 ("no answer").
 *
 * @public
 */
export async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: object,
  timeoutMs = 30_000,
): Promise<{ status: number; body: T; ms: number; text: string }> {
  const start = performance.now();
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') {
      throw error;
    }
    return {
      status: 0,
      body: {} as T,
      ms: performance.now() - start,
      text: '',
    };
  }
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    ms: performance.now() - start,
    text,
  };
}

/** The topology of a tenant, by environment name. @public */
export async function topology(
  baseUrl: string,
  tenant: FaultTenant,
  timeoutMs?: number,
) {
  const result = await call<EntityTopology>(
    baseUrl,
    'GET',
    `${tenant.entityPath}/topology`,
    undefined,
    timeoutMs,
  );
  const byName: Record<string, EnvironmentTopology> = Object.fromEntries(
    (result.body.environments ?? []).map(env => [env.environment.name, env]),
  );
  return { ...result, byName };
}

/** Writes values and returns the per-environment results by name. @public */
export async function write(
  baseUrl: string,
  tenant: FaultTenant,
  environments: SandboxCluster[],
  set: Record<string, string>,
  timeoutMs?: number,
) {
  const result = await call<{ results?: WriteResult[] }>(
    baseUrl,
    'POST',
    `${tenant.entityPath}/values`,
    { environments, set, confirmRestricted: true },
    timeoutMs,
  );
  const byName: Record<string, WriteResult> = Object.fromEntries(
    (result.body.results ?? []).map(entry => [entry.environment, entry]),
  );
  return { ...result, byName };
}

/**
 * What AWS Secrets Manager holds for the tenant, read directly from moto
 * (not through any fault): version ids and the current values.
 *
 * @public
 */
export async function storedInAws(
  cluster: SandboxCluster,
  tenant: FaultTenant,
): Promise<{ versions: string[]; values?: Record<string, string> }> {
  const aws = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS[cluster]),
  );
  const SecretId = `sites/${tenant.key}/build`;
  try {
    const { VersionIdsToStages = {} } = await aws.send(
      new DescribeSecretCommand({ SecretId }),
    );
    const { SecretString } = await aws.send(
      // explicit: moto's default ignores stage moves by UpdateSecretVersionStage
      new GetSecretValueCommand({ SecretId, VersionStage: 'AWSCURRENT' }),
    );
    return {
      versions: Object.keys(VersionIdsToStages).sort(),
      values: SecretString ? JSON.parse(SecretString) : undefined,
    };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return { versions: [] };
    }
    throw error;
  } finally {
    aws.destroy();
  }
}
