import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialProvider } from '@backstage/integration-aws-node';

/** EKS tokens live 15 minutes; this is how long one is reused. */
export const EKS_TOKEN_REUSE_MS = 10 * 60 * 1000;

/**
 * A bearer token for an EKS cluster: a presigned STS GetCallerIdentity URL
 * naming the cluster, as `aws eks get-token` and
 * `@backstage/plugin-kubernetes-backend`'s AwsIamStrategy produce.
 */
export async function createEksToken(options: {
  clusterName: string;
  region: string;
  credentials: AwsCredentialProvider['sdkCredentialProvider'];
}): Promise<string> {
  const { clusterName, region } = options;
  const hostname = `sts.${region}.amazonaws.com`;
  const signer = new SignatureV4({
    credentials: options.credentials,
    region,
    service: 'sts',
    sha256: Sha256,
  });
  const request = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      headers: { host: hostname, 'x-k8s-aws-id': clusterName },
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    },
    { expiresIn: 60 },
  );
  const query = Object.entries(request.query ?? {})
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
    )
    .join('&');
  const url = `https://${hostname}/?${query}`;
  return `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}
