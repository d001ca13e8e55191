import { SANDBOX_ENVIRONMENTS } from '../harness/backendConfig';
import { uniqueName } from '../harness/entities';
import { BenchStack, request } from './benchStack';
import { benchEntities, BenchTenant, seedTenants } from './seedTenants';

/** Calls one topology view sent, by upstream. @public */
export interface CallCount {
  aws: number;
  kubernetes: number;
  sts: number;
  awsOperations: Record<string, number>;
}

/** P2's figures. @public */
export interface P2Result {
  environments: number;
  cold: CallCount;
  warm: CallCount;
}

function countOf(stack: BenchStack): CallCount {
  return {
    aws: stack.counter.count('aws'),
    kubernetes: stack.counter.count('kube'),
    sts: stack.counter.count('sts'),
    awsOperations: stack.counter.operations('aws'),
  };
}

/**
 * P2: AWS and Kubernetes calls of one topology view of a component in the
 * stack's two environments, on a backend that has served nothing yet (cold)
 * and again right after (warm).
 *
 * @public
 */
export async function runP2(stack: BenchStack): Promise<P2Result> {
  const tenant: BenchTenant = {
    key: uniqueName('p2'),
    environments: SANDBOX_ENVIRONMENTS,
  };
  const entities = benchEntities([tenant]);
  const seeder = await stack.startBackend({
    environments: SANDBOX_ENVIRONMENTS,
    entities,
  });
  await seedTenants(seeder, [tenant]);
  const fresh = await stack.startBackend({
    environments: SANDBOX_ENVIRONMENTS,
    entities,
  });
  const path = `/entities/component/default/${tenant.key}/topology`;
  stack.counter.reset();
  await request(fresh, 'GET', path);
  const cold = countOf(stack);
  stack.counter.reset();
  await request(fresh, 'GET', path);
  const warm = countOf(stack);
  return { environments: SANDBOX_ENVIRONMENTS.length, cold, warm };
}
