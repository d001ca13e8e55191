import type { V1Namespace } from '@kubernetes/client-node';
import {
  ClusterExternalSecret,
  namespaceStateOf,
  selectedNamespaces,
} from './clusterExternalSecret';
import { deriveNamespaceStatus, worstNamespace } from './deriveFanOutStatus';

const namespace = (name: string, labels: Record<string, string> = {}) =>
  ({ metadata: { name, labels } } as V1Namespace);

const ces = (
  spec: ClusterExternalSecret['spec'],
  status?: ClusterExternalSecret['status'],
): ClusterExternalSecret => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ClusterExternalSecret',
  metadata: { name: 'registry' },
  spec,
  status,
});

const cluster = [
  namespace('shop', { team: 'store', tier: 'web' }),
  namespace('batch', { team: 'store', tier: 'jobs' }),
  namespace('admin', { team: 'ops' }),
  namespace('plain'),
];

describe('the namespaces a ClusterExternalSecret selects', () => {
  it('matches labels, expressions and names as ESO does, any selector sufficing', () => {
    expect(
      selectedNamespaces(
        ces({
          namespaceSelectors: [
            {
              matchLabels: { team: 'store' },
              matchExpressions: [
                { key: 'tier', operator: 'NotIn', values: ['jobs'] },
              ],
            },
            {
              matchExpressions: [
                { key: 'team', operator: 'In', values: ['ops'] },
              ],
            },
          ],
          namespaces: ['plain'],
        }),
        cluster,
      ),
    ).toEqual(['admin', 'plain', 'shop']);
  });

  it('keeps a namespace ESO still lists after its label went, until ESO reconciles', () => {
    const object = ces(
      { namespaceSelector: { matchLabels: { team: 'ops' } } },
      {
        provisionedNamespaces: ['shop'],
        failedNamespaces: [{ namespace: 'gone', reason: 'boom' }],
      },
    );
    expect(selectedNamespaces(object, cluster)).toEqual([
      'admin',
      'gone',
      'shop',
    ]);
    expect(namespaceStateOf(object, 'gone')).toEqual({
      state: 'failed',
      reason: 'boom',
    });
    expect(namespaceStateOf(object, 'admin')).toEqual({ state: 'selected' });
  });
});

describe('the fan-out status', () => {
  const context = {
    now: new Date('2026-12-01T10:00:00Z'),
    gracePeriodMs: 120_000,
    aws: { exists: true },
    pulled: { name: 'shared/registry', accountId: '1', region: 'us-east-1' },
  };

  it('is the worst namespace: a failed one is an error with ESO’s reason', () => {
    const failed = deriveNamespaceStatus(
      {
        namespace: 'legacy',
        state: 'failed',
        failure: 'external secret already exists in namespace',
        externalSecretName: 'registry',
      },
      context,
    );
    const waiting = deriveNamespaceStatus(
      { namespace: 'new', state: 'selected', externalSecretName: 'registry' },
      context,
    );
    expect(waiting.status).toBe('pending');
    expect(failed).toEqual({
      status: 'error',
      reason: {
        code: 'unknown',
        hop: 'eso',
        message:
          'ESO could not create ExternalSecret registry in namespace legacy: external secret already exists in namespace',
      },
    });
    expect(worstNamespace([waiting, failed, waiting])).toBe(failed);
  });
});
