import fs from 'node:fs';
import {
  ApiextensionsV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

function readManifests(file: string): KubernetesObject[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJSON() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => Boolean(object?.kind));
}

function isConflict(error: unknown): boolean {
  return (error as { code?: number }).code === 409;
}

/**
 * Creates each object of a multi-document YAML file, replacing it when it
 * already exists, so that a restarted stack converges on the files.
 */
export async function applyManifests(
  kubeConfig: KubeConfig,
  file: string,
): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const object of readManifests(file)) {
    try {
      await client.create(object);
    } catch (error) {
      if (!isConflict(error)) {
        throw error;
      }
      const existing = await client.read({
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: {
          name: object.metadata!.name!,
          namespace: object.metadata?.namespace,
        },
      });
      await client.replace({
        ...object,
        metadata: {
          ...object.metadata,
          resourceVersion: existing.metadata?.resourceVersion,
        },
      });
    }
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
    .map(object => object.metadata!.name!);
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
