import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as CONTRACT,
  nextForceSyncStamp,
  renderTemplate,
  SECRETS_SYNC_ENTITY_TAG,
  SECRETS_SYNC_MANAGED_TAG,
  SECRETS_SYNC_MANAGED_TAG_VALUE,
} from '@internal/plugin-secrets-sync-common';
import {
  awsClientConfigFor,
  kubeConfigFor,
  SANDBOX_ACCOUNTS,
} from '@internal/sandbox';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { uniqueName } from '../harness/entities';
import { createTenantNamespace } from '../harness/kubeFixtures';
import { percentile, round1 } from './stats';

/** P6's figures: write to AWS → the Kubernetes Secret holds it, per engine. @public */
export interface P6Result {
  writes: number;
  /** The External Secrets Operator (the `external-secret` engine). */
  externalSecret: { p50Ms: number; p95Ms: number; maxMs: number };
  /** The reference operator (the `namespace-annotation` engine). */
  operator: { p50Ms: number; p95Ms: number; maxMs: number };
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const POLL_MS = 10;
const TIMEOUT_MS = 30_000;

/** Polls the Secret until `KEY` holds `value`; the milliseconds since `start`. */
async function untilSecretHolds(
  core: CoreV1Api,
  namespace: string,
  name: string,
  value: string,
  start: number,
): Promise<number> {
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  for (;;) {
    try {
      const secret = await core.readNamespacedSecret({ namespace, name });
      if (secret.data?.KEY === encoded) {
        return performance.now() - start;
      }
    } catch {
      // not created yet
    }
    if (performance.now() - start > TIMEOUT_MS) {
      throw new Error(
        `P6: Secret ${namespace}/${name} did not follow a write in ${TIMEOUT_MS} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

function summary(times: number[]) {
  return {
    p50Ms: round1(percentile(times, 50)),
    p95Ms: round1(percentile(times, 95)),
    maxMs: round1(Math.max(...times)),
  };
}

async function createAwsSecret(
  client: SecretsManagerClient,
  name: string,
  tenant: string,
) {
  await client.send(
    new CreateSecretCommand({
      Name: name,
      SecretString: JSON.stringify({ KEY: 'initial' }),
      Tags: [
        {
          Key: SECRETS_SYNC_MANAGED_TAG,
          Value: SECRETS_SYNC_MANAGED_TAG_VALUE,
        },
        { Key: SECRETS_SYNC_ENTITY_TAG, Value: `component:default/${tenant}` },
      ],
    }),
  );
}

/**
 * P6: `writes` writes one after another, each the two calls the backend's
 * write makes (PutSecretValue, then the engine's force-sync bump: the
 * ExternalSecret's `force-sync` annotation, or the namespace's sync
 * annotation), timed until the Kubernetes Secret holds the new value (polled
 * every 10 ms). The stack's External Secrets Operator on dev (`sandbox.sh
 * start-eso`) beside the reference operator on dev.
 *
 * @public
 */
export async function runP6(options: { writes: number }): Promise<P6Result> {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const client = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
  );

  // the ESO tenant: an ExternalSecret pulling its own AWS secret
  const esoTenant = uniqueName('p6');
  const esoNamespace = `eso-${esoTenant}`;
  const esoKey = `eso/${esoTenant}/build`;
  await createAwsSecret(client, esoKey, esoTenant);
  await createTenantNamespace('dev', esoTenant, {
    namespaceTemplate: 'eso-{tenant}',
    optedIn: false,
  });
  const externalSecret = {
    group: 'external-secrets.io',
    version: 'v1',
    namespace: esoNamespace,
    plural: 'externalsecrets',
  };
  await custom.createNamespacedCustomObject({
    ...externalSecret,
    body: {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'build' },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: {
          kind: 'ClusterSecretStore',
          name: `aws-${SANDBOX_ACCOUNTS.dev}`,
        },
        target: { name: 'build-secrets' },
        dataFrom: [{ extract: { key: esoKey } }],
      },
    },
  });
  await untilSecretHolds(
    core,
    esoNamespace,
    'build-secrets',
    'initial',
    performance.now(),
  ).catch(error => {
    throw new Error(
      `${error.message}: is the External Secrets Operator running (bash packages/sandbox/scripts/sandbox.sh start-eso dev)?`,
    );
  });

  // the operator tenant: an opted-in namespace
  const operatorTenant = uniqueName('p6');
  const operatorNamespace = renderTemplate(
    CONTRACT.namespaceTemplate,
    operatorTenant,
  );
  const operatorKey = renderTemplate(CONTRACT.awsKeyTemplate, operatorTenant);
  await createAwsSecret(client, operatorKey, operatorTenant);
  await createTenantNamespace('dev', operatorTenant);
  await untilSecretHolds(
    core,
    operatorNamespace,
    CONTRACT.secretName,
    'initial',
    performance.now(),
  );

  const put = (key: string, value: string) =>
    client.send(
      new PutSecretValueCommand({
        SecretId: key,
        SecretString: JSON.stringify({ KEY: value }),
      }),
    );
  let esoStamp: string | undefined;
  let operatorStamp: string | undefined;
  const eso: number[] = [];
  const operator: number[] = [];
  try {
    for (let i = 0; i < options.writes; i++) {
      const value = `p6-${i}`;
      let start = performance.now();
      await put(esoKey, value);
      esoStamp = nextForceSyncStamp(esoStamp, new Date());
      await custom.patchNamespacedCustomObject(
        {
          ...externalSecret,
          name: 'build',
          body: { metadata: { annotations: { 'force-sync': esoStamp } } },
        },
        mergePatch,
      );
      eso.push(
        await untilSecretHolds(
          core,
          esoNamespace,
          'build-secrets',
          value,
          start,
        ),
      );

      start = performance.now();
      await put(operatorKey, value);
      operatorStamp = nextForceSyncStamp(operatorStamp, new Date());
      await core.patchNamespace(
        {
          name: operatorNamespace,
          body: {
            metadata: {
              annotations: { [CONTRACT.forceSyncAnnotation]: operatorStamp },
            },
          },
        },
        mergePatch,
      );
      operator.push(
        await untilSecretHolds(
          core,
          operatorNamespace,
          CONTRACT.secretName,
          value,
          start,
        ),
      );
    }
  } finally {
    await Promise.all(
      [esoNamespace, operatorNamespace].map(name =>
        core.deleteNamespace({ name }).catch(() => undefined),
      ),
    );
  }
  return {
    writes: options.writes,
    externalSecret: summary(eso),
    operator: summary(operator),
  };
}

/** P6's rows of the `yarn bench` table. @public */
export function p6Rows(p6: P6Result) {
  const row = (figure: string, value: string) => ({
    benchmark: 'P6',
    figure,
    value,
  });
  const times = (engine: P6Result['operator']) =>
    `${engine.p50Ms} / ${engine.p95Ms} ms`;
  return [
    row(
      `write → Kubernetes Secret, ${p6.writes} writes, External Secrets Operator (external-secret): p50 / p95`,
      times(p6.externalSecret),
    ),
    row(
      'write → Kubernetes Secret, the reference operator (namespace-annotation): p50 / p95',
      times(p6.operator),
    ),
  ];
}
