import { createEksToken } from './createEksToken';

describe('createEksToken', () => {
  it('presigns an STS GetCallerIdentity URL naming the cluster, as EKS expects', async () => {
    const token = await createEksToken({
      clusterName: 'prod-eks',
      region: 'eu-west-1',
      credentials: async () => ({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret',
      }),
    });
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    const url = new URL(
      Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
    );
    expect(url.origin).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/eu-west-1\/sts\/aws4_request$/,
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'host;x-k8s-aws-id',
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
