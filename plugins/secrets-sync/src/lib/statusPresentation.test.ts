import { SYNC_STATUSES } from '@internal/plugin-secrets-sync-common';
import { environmentFixture } from '../__testUtils__/topologyFixtures';
import { explainEnvironment, presentStatus } from './statusPresentation';

describe('presentStatus', () => {
  it('gives every status a distinct label and a meaning', () => {
    const labels = SYNC_STATUSES.map(s => presentStatus(s).label);
    expect(new Set(labels).size).toBe(SYNC_STATUSES.length);
    for (const status of SYNC_STATUSES) {
      expect(presentStatus(status).meaning.length).toBeGreaterThan(20);
    }
  });
});

describe('explainEnvironment', () => {
  it('tells a not-enabled environment to enable sync, naming the namespace', () => {
    const explanation = explainEnvironment(
      environmentFixture({ name: 'dev', status: 'not-enabled' }),
    );
    expect(explanation.action).toBe('enable-sync');
    expect(explanation.nextStep).toMatch(/^Enable sync/);
    expect(explanation.nextStep).toContain('sites-checkout');
  });

  it('explains that the operator will not touch an unowned Secret', () => {
    const explanation = explainEnvironment(
      environmentFixture({ name: 'dev', status: 'unowned' }),
    );
    expect(explanation.meaning).toBe(
      'A Secret named build-secrets exists in sites-checkout that the operator will not touch: it lacks the owner labels.',
    );
  });

  it('offers to write values when AWS holds nothing', () => {
    const explanation = explainEnvironment(
      environmentFixture({ name: 'dev', status: 'upstream-missing' }),
    );
    expect(explanation.action).toBe('write-values');
    expect(explanation.nextStep).toContain('sites/checkout/build');
  });

  it("carries an error's reason and advice for its code", () => {
    const explanation = explainEnvironment(
      environmentFixture({ name: 'prod', status: 'error', restricted: true }),
    );
    expect(explanation.meaning).toContain('not authorized to perform');
    expect(explanation.nextStep).toContain('IAM role');
  });

  it('says nothing needs doing when synced', () => {
    const explanation = explainEnvironment(
      environmentFixture({ name: 'dev', status: 'synced' }),
    );
    expect(explanation).toMatchObject({
      nextStep: 'Nothing to do.',
      tone: 'ok',
    });
    expect(explanation.action).toBeUndefined();
  });
});
