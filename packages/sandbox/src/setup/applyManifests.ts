import fs from 'node:fs';
import https from 'node:https';
import { ApiextensionsV1Api, KubeConfig } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** The kinds our manifests hold, and their resource names. */
const PLURALS: Record<string, string> = {
  CustomResourceDefinition: 'customresourcedefinitions',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  Namespace: 'namespaces',
};

function readManifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJSON() as Manifest | null)
    .filter((object): object is Manifest => Boolean(object?.kind));
}

function resourcePath(object: Manifest): string {
  const plural = PLURALS[object.kind];
  if (!plural) {
    throw new Error(`applyManifests does not know the kind ${object.kind}`);
  }
  const prefix = object.apiVersion.includes('/')
    ? `/apis/${object.apiVersion}`
    : `/api/${object.apiVersion}`;
  const namespace = object.metadata.namespace
    ? `/namespaces/${object.metadata.namespace}`
    : '';
  return `${prefix}${namespace}/${plural}/${object.metadata.name}`;
}

/**
 * Server-side applies one object as raw JSON. The typed client would
 * serialise through its models, which drop fields such as
 * `x-kubernetes-preserve-unknown-fields` and so break the CRD schemas.
 */
function serverSideApply(kubeConfig: KubeConfig, object: Manifest) {
  const cluster = kubeConfig.getCurrentCluster()!;
  const user = kubeConfig.getCurrentUser()!;
  const url = new URL(
    `${resourcePath(object)}?fieldManager=secrets-sync-sandbox&force=true`,
    cluster.server,
  );
  const body = JSON.stringify(object);
  return new Promise<void>((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'PATCH',
        ca: fs.readFileSync(cluster.caFile!),
        headers: {
          authorization: `Bearer ${user.token}`,
          'content-type': 'application/apply-patch+yaml',
          'content-length': Buffer.byteLength(body),
        },
      },
      response => {
        let text = '';
        response.on('data', chunk => {
          text += chunk;
        });
        response.on('end', () => {
          if (response.statusCode && response.statusCode < 300) {
            resolve();
          } else {
            reject(
              new Error(
                `apply ${object.kind} ${object.metadata.name}: ${response.statusCode} ${text}`,
              ),
            );
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Applies every object of a multi-document YAML file; idempotent. */
export async function applyManifests(
  kubeConfig: KubeConfig,
  file: string,
): Promise<void> {
  for (const object of readManifests(file)) {
    await serverSideApply(kubeConfig, object);
  }
}

/** Waits until every CustomResourceDefinition in the file is Established. */
export async function waitForCrds(
  kubeConfig: KubeConfig,
  file: string,
  timeoutMs = 60_000,
): Promise<void> {
  const api = kubeConfig.makeApiClient(ApiextensionsV1Api);
  const names = readManifests(file)
    .filter(object => object.kind === 'CustomResourceDefinition')
    .map(object => object.metadata.name);
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (;;) {
      const crd = await api.readCustomResourceDefinition({ name });
      const established = crd.status?.conditions?.some(
        condition =>
          condition.type === 'Established' && condition.status === 'True',
      );
      if (established) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`CRD ${name} not Established after ${timeoutMs} ms`);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}
