import { CoordinationV1Api } from '@kubernetes/client-node';
import { kubeConfigFor } from '@internal/sandbox';
import {
  AwsFixture,
  ClusterFixture,
  isolatedContract,
  uniqueId,
  waitFor,
} from './__testUtils__/sandboxHarness';
import {
  contractFlags,
  metricValue,
  OperatorProcess,
  spawnOperator,
} from './__testUtils__/operatorProcess';

jest.setTimeout(120_000);

// Long enough that a leader on a loaded CI machine (two jest workers, three
// kube-apiservers, moto) does not miss its renew deadline and hand over
// mid-test; the handover bound below scales with them.
const LEASE_DURATION_MS = 15_000;
const RENEW_DEADLINE_MS = 10_000;
const RETRY_PERIOD_MS = 2_000;

describe('two replicas with leader election, live', () => {
  const runId = uniqueId();
  const contract = isolatedContract(runId);
  const cluster = ClusterFixture.for('dev', contract);
  const leaseName = `optest-${runId}`;
  const leases = kubeConfigFor('dev', 'admin').makeApiClient(CoordinationV1Api);
  const replicas = new Map<string, OperatorProcess>();

  const holder = async () =>
    (
      await leases.readNamespacedLease({
        name: leaseName,
        namespace: 'default',
      })
    ).spec?.holderIdentity;

  afterAll(async () => {
    await Promise.all([...replicas.values()].map(r => r.kill('SIGTERM')));
  });

  it('exactly one replica reconciles, and a standby takes over within the lease duration when the leader dies', async () => {
    const aws = await AwsFixture.for('dev', contract);
    const identities = [`replica-a-${runId}`, `replica-b-${runId}`];
    await Promise.all(
      identities.map(async identity => {
        replicas.set(
          identity,
          await spawnOperator({
            cluster: 'dev',
            flags: [
              ...contractFlags(contract),
              `--identity=${identity}`,
              `--lease-name=${leaseName}`,
              `--lease-duration=${LEASE_DURATION_MS / 1000}s`,
              `--renew-deadline=${RENEW_DEADLINE_MS / 1000}s`,
              `--retry-period=${RETRY_PERIOD_MS / 1000}s`,
            ],
          }),
        );
      }),
    );
    const leader = await waitFor(
      'a leader',
      async () => {
        try {
          const name = await holder();
          return name && identities.includes(name) ? name : undefined;
        } catch {
          return undefined;
        }
      },
      60_000,
    );
    const standby = identities.find(identity => identity !== leader)!;
    for (const replica of replicas.values()) {
      await waitFor(
        'both replicas ready',
        async () =>
          (
            await fetch(`http://127.0.0.1:${replica.healthPort}/readyz`).catch(
              () => undefined,
            )
          )?.status === 200,
        60_000,
      );
    }

    const first = `first-${uniqueId()}`;
    await aws.put(first, { TOKEN: 'one' });
    await cluster.createNamespace(cluster.namespaceOf(first), {
      optedIn: true,
    });
    await waitFor('the first Secret', () =>
      cluster.secretData(cluster.namespaceOf(first)),
    );

    // The counter moves after the Secret is created and its Event recorded.
    const leaderMetrics = await waitFor(
      'the leader to count its create',
      async () => {
        const text = await replicas.get(leader)!.metrics();
        const created = metricValue(
          text,
          'secrets_sync_operator_reconciles_total{action="create",result="success"}',
        );
        return created !== undefined && created >= 1 ? text : undefined;
      },
    );
    const standbyMetrics = await replicas.get(standby)!.metrics();
    expect(metricValue(leaderMetrics, 'secrets_sync_operator_is_leader')).toBe(
      1,
    );
    expect(metricValue(standbyMetrics, 'secrets_sync_operator_is_leader')).toBe(
      0,
    );
    expect(
      metricValue(
        leaderMetrics,
        'secrets_sync_operator_reconciles_total{action="create",result="success"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(standbyMetrics).not.toMatch(
      /secrets_sync_operator_reconciles_total\{/,
    );

    const killedAt = Date.now();
    await replicas.get(leader)!.kill('SIGKILL');
    await waitFor(
      'the standby to take the Lease',
      async () => (await holder()) === standby,
      LEASE_DURATION_MS + RETRY_PERIOD_MS + 5_000,
    );
    const handoverMs = Date.now() - killedAt;
    process.stdout.write(`leader handover after SIGKILL: ${handoverMs} ms\n`);
    // The standby counts the lease from when it saw the last renewal (up to
    // one retry period late) and checks once per retry period, as client-go;
    // a second more for the Lease reads and writes on a loaded machine.
    expect(handoverMs).toBeLessThanOrEqual(
      LEASE_DURATION_MS + 2 * RETRY_PERIOD_MS + 1_000,
    );

    const second = `second-${uniqueId()}`;
    await aws.put(second, { TOKEN: 'two' });
    await cluster.createNamespace(cluster.namespaceOf(second), {
      optedIn: true,
    });
    await waitFor('the new leader to create the second Secret', () =>
      cluster.secretData(cluster.namespaceOf(second)),
    );
    expect(
      metricValue(
        await replicas.get(standby)!.metrics(),
        'secrets_sync_operator_is_leader',
      ),
    ).toBe(1);
  });

  it('a leader stopping gracefully releases the Lease for an immediate handover', async () => {
    const identity = (await holder())!;
    const replica = replicas.get(identity)!;
    expect(replica.child.exitCode).toBeNull();
    expect(replica.child.signalCode).toBeNull();
    const successor = `replica-c-${runId}`;
    replicas.set(
      successor,
      await spawnOperator({
        cluster: 'dev',
        flags: [
          ...contractFlags(contract),
          `--identity=${successor}`,
          `--lease-name=${leaseName}`,
          '--lease-duration=30s',
          '--renew-deadline=20s',
          `--retry-period=${RETRY_PERIOD_MS / 1000}s`,
        ],
      }),
    );
    await waitFor(
      'the successor to be ready',
      async () =>
        (
          await fetch(
            `http://127.0.0.1:${replicas.get(successor)!.healthPort}/readyz`,
          ).catch(() => undefined)
        )?.status === 200,
      60_000,
    );
    expect(await holder()).toBe(identity);
    const stoppedAt = Date.now();
    await replica.kill('SIGTERM');
    await waitFor(
      'the successor to take the Lease',
      async () => (await holder()) === successor,
      10_000,
    );
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
  });
});
