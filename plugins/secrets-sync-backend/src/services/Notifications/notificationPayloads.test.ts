import type { EnvironmentConfig } from '../../config';
import {
  entityTabLink,
  restrictedWritePayload,
  statusTurnedPayload,
} from './notificationPayloads';

const CANARY = 'CANARY-payload-2d7e-never-sent';
const PROD = {
  name: 'prod',
  title: 'Production',
  restricted: true,
  aws: { accountId: '222222222222', region: 'eu-west-1' },
} as EnvironmentConfig;

describe('notification payloads', () => {
  it('names who and which keys of a restricted write, never a value', () => {
    const payload = restrictedWritePayload({
      target: {
        environment: PROD,
        tenantKey: 'web',
        entityRef: 'component:default/web',
      },
      actor: 'user:default/ada',
      change: { mode: 'replace', set: { B: CANARY, A: CANARY }, unset: [] },
    });
    expect(payload).toEqual({
      title: 'Secret values written to Production for web',
      description:
        'user:default/ada set A, B and replaced every other key in the restricted environment Production (account 222222222222).',
      link: '/catalog/default/component/web/secrets?environment=prod',
      severity: 'normal',
      topic: 'secrets-sync',
    });
    expect(JSON.stringify(payload)).not.toContain(CANARY);
  });

  it('scopes a status notification to its entity, environment and status', () => {
    const payload = statusTurnedPayload({
      entityRef: 'component:default/web',
      environment: 'prod',
      environmentTitle: 'Production',
      status: 'drifted',
    });
    expect(payload).toMatchObject({
      title: 'web: Production is drifted',
      description:
        'The secrets of component:default/web in Production have drifted: the Kubernetes Secret no longer matches AWS Secrets Manager.',
      severity: 'high',
      scope: 'secrets-sync:status:component:default/web:prod:drifted',
    });
  });

  it('links to the entity tab with every part of the ref encoded', () => {
    expect(entityTabLink('component:my-ns/a b', 'dev & test')).toBe(
      '/catalog/my-ns/component/a%20b/secrets?environment=dev%20%26%20test',
    );
  });
});
