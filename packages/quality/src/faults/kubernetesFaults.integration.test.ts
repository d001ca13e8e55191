import { readSandbox } from '@internal/sandbox';
import type { RunningBackend } from '../harness/startBackend';
import { namespaceAnnotation } from '../harness/kubeFixtures';
import { FAULT_CONTRACT, FaultStack, startFaultStack } from './faultStack';
import {
  call,
  faultTenant,
  FaultTenant,
  prepareNamespaces,
  storedInAws,
  topology,
  write,
} from './faultTestKit';
import { kubeStatus } from './httpFaultInjector';

const tenants = {
  unreachable: faultTenant('f-kube-down'),
  forbiddenRead: faultTenant('f-kube-403r'),
  forbiddenPatch: faultTenant('f-kube-403p'),
  conflictSync: faultTenant('f-kube-409s'),
  conflictWrite: faultTenant('f-kube-409w'),
  hung: faultTenant('f-kube-hung'),
};

const namespaceOf = (tenant: FaultTenant) => `sites-${tenant.key}`;

const optIn = (tenant: FaultTenant) =>
  namespaceAnnotation(
    'dev',
    namespaceOf(tenant),
    FAULT_CONTRACT.optInAnnotation,
  );

const lastSync = (tenant: FaultTenant) =>
  namespaceAnnotation(
    'dev',
    namespaceOf(tenant),
    FAULT_CONTRACT.forceSyncAnnotation,
  );

const conflictOnPatchOf = (tenant: FaultTenant) => ({
  match: (request: { method: string; path: string }) =>
    request.method === 'PATCH' &&
    request.path.startsWith(`/api/v1/namespaces/${namespaceOf(tenant)}`),
  status: 409,
  body: kubeStatus(
    409,
    'Conflict',
    `Operation cannot be fulfilled on namespaces "${namespaceOf(
      tenant,
    )}": the object has been modified; please apply your changes to the latest version and try again`,
  ),
});

describe('Kubernetes faults, injected between the backend and the kube-apiservers', () => {
  let stack: FaultStack;
  let backend: RunningBackend;
  /** The same backend acting with a token RBAC allows only to read, in dev. */
  let readonlyBackend: RunningBackend;

  beforeAll(async () => {
    readSandbox();
    stack = await startFaultStack();
    const entities = Object.values(tenants).map(tenant => tenant.entity);
    backend = await stack.startBackend({ entities });
    readonlyBackend = await stack.startBackend({
      entities,
      kubeIdentity: { dev: 'readonly' },
    });
    for (const tenant of Object.values(tenants)) {
      await prepareNamespaces(tenant);
      const seeded = await write(backend.baseUrl, tenant, ['dev', 'prod'], {
        KEPT: 'kept-value',
      });
      if (seeded.status !== 200) {
        throw new Error(`seeding ${tenant.key} answered ${seeded.status}`);
      }
    }
  }, 120_000);

  afterEach(() => stack.heal());

  afterAll(async () => {
    await stack?.stop();
  });

  it('cluster unreachable: that environment reports "unreachable" on the Kubernetes hop and still shows its AWS facts', async () => {
    await stack.toxiproxy.client.setEnabled(stack.hops.dev.kubeProxy, false);

    const { status, byName } = await topology(
      backend.baseUrl,
      tenants.unreachable,
    );

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      status: 'error',
      reason: { code: 'unreachable', hop: 'kubernetes' },
      aws: { exists: true },
    });
    expect(byName.prod.status).not.toBe('error');
  });

  it('cluster unreachable during a write: refused before anything is written, since the binding cannot be checked; the retry once it answers writes both', async () => {
    const before = await storedInAws('dev', tenants.unreachable);
    await stack.toxiproxy.client.setEnabled(stack.hops.dev.kubeProxy, false);

    const refused = await write(
      backend.baseUrl,
      tenants.unreachable,
      ['dev', 'prod'],
      { ADDED: 'added-value' },
    );

    expect(refused.status).toBe(503);
    expect(refused.text).toMatch(/unreachable/);
    expect(refused.text).not.toContain('added-value');
    expect(await storedInAws('dev', tenants.unreachable)).toEqual(before);

    await stack.heal();
    const { status, byName } = await write(
      backend.baseUrl,
      tenants.unreachable,
      ['dev', 'prod'],
      { ADDED: 'added-value' },
    );
    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({ outcome: 'written' });
    expect(byName.prod).toMatchObject({
      outcome: 'written',
      syncRequested: true,
    });
    expect((await storedInAws('dev', tenants.unreachable)).values).toEqual({
      KEPT: 'kept-value',
      ADDED: 'added-value',
    });
  });

  it('403 from RBAC on reading the Secret: that environment reports "access-denied" on the Kubernetes hop', async () => {
    const { status, byName } = await topology(
      readonlyBackend.baseUrl,
      tenants.forbiddenRead,
    );

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      status: 'error',
      reason: { code: 'access-denied', hop: 'kubernetes' },
    });
    expect(byName.prod.status).not.toBe('error');
  });

  it('403 from RBAC on patching the namespace: disabling sync answers 403 with the reason and changes nothing', async () => {
    const before = await optIn(tenants.forbiddenPatch);

    const response = await call<{ error: { message: string } }>(
      readonlyBackend.baseUrl,
      'PUT',
      `${tenants.forbiddenPatch.entityPath}/environments/dev/enabled`,
      { enabled: false },
    );

    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(
      /forbidden|denied|not allowed/i,
    );
    expect(await optIn(tenants.forbiddenPatch)).toBe(before);
  });

  it('409 on the namespace patch of a force sync: answers 409 with the reason, the annotation is unchanged', async () => {
    const before = await lastSync(tenants.conflictSync);
    stack.hops.dev.kube.add(conflictOnPatchOf(tenants.conflictSync));

    const response = await call<{ error: { message: string } }>(
      backend.baseUrl,
      'POST',
      `${tenants.conflictSync.entityPath}/environments/dev/sync`,
    );

    expect(stack.hops.dev.kube.injected).toHaveLength(1);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/modified|conflict/i);
    expect(await lastSync(tenants.conflictSync)).toBe(before);
  });

  it('409 on the sync request after a write: the value is stored and the response says the sync was not requested', async () => {
    stack.hops.dev.kube.add(conflictOnPatchOf(tenants.conflictWrite));

    const { status, byName } = await write(
      backend.baseUrl,
      tenants.conflictWrite,
      ['dev'],
      { ADDED: 'added-value' },
    );

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      outcome: 'written',
      syncRequested: false,
      warning: expect.stringMatching(/sync could not be requested/),
    });
    expect((await storedInAws('dev', tenants.conflictWrite)).values).toEqual({
      KEPT: 'kept-value',
      ADDED: 'added-value',
    });
  });

  // A backend whose watch caches have not listed the cluster yet reads it
  // directly, so this is the first view of a hung cluster.
  it('the kube-apiserver stops answering: a first view still answers within 15 s, that environment flagged unreachable', async () => {
    const fresh = await stack.startBackend({
      entities: Object.values(tenants).map(tenant => tenant.entity),
    });
    await stack.hang(stack.hops.dev.kubeProxy);

    const { status, byName } = await topology(
      fresh.baseUrl,
      tenants.hung,
      15_000,
    );

    expect(status).toBe(200);
    expect(byName.dev).toMatchObject({
      status: 'error',
      reason: { code: 'unreachable', hop: 'kubernetes' },
    });
  }, 30_000);

  // A backend that has been watching the cluster: its caches must stop
  // answering once the watch falls silent, instead of showing what they
  // last saw as if it were current.
  it('the kube-apiserver stops answering after views were served from warm caches: within 30 s (2 s watch timeout, 5 s grace, 8 s direct read), that environment is flagged unreachable', async () => {
    const watching = await stack.startBackend({
      entities: Object.values(tenants).map(tenant => tenant.entity),
      watchTimeoutSeconds: 2,
    });
    // the fleet summary waits until every cache of the clusters has listed
    const fleet = await call(watching.baseUrl, 'GET', '/fleet');
    expect(fleet.status).toBe(200);
    const warm = await topology(watching.baseUrl, tenants.hung);
    expect(warm.byName.dev.status).not.toBe('error');
    await stack.hang(stack.hops.dev.kubeProxy);
    const hungAt = Date.now();

    let seen = warm.byName.dev;
    while (seen.status !== 'error' && Date.now() - hungAt < 30_000) {
      await new Promise(resolve => setTimeout(resolve, 1_000));
      seen = (await topology(watching.baseUrl, tenants.hung, 15_000)).byName
        .dev;
    }

    expect(seen).toMatchObject({
      status: 'error',
      reason: { code: 'unreachable', hop: 'kubernetes' },
    });
  }, 60_000);
});
