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
  it('offers ESO’s way out instead of a force sync ESO would ignore', () => {
    const env = environmentFixture({ name: 'dev', status: 'drifted' });
    const warning =
      'ExternalSecret eso-web/build has refreshPolicy CreatedOnce and has synced once: ESO will not refresh it again, so a force sync does nothing. Recreate it, or change its refreshPolicy, to pull new values.';
    const explanation = explainEnvironment({
      ...env,
      eso: { resourceName: 'build', ready: 'True', warning },
    });
    expect(explanation.nextStep).toBe(warning);
    expect(explanation.action).toBeUndefined();
  });

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

  it('warns that the operator deletes the Secret it owns while AWS holds nothing', () => {
    const env = environmentFixture({ name: 'dev', status: 'upstream-missing' });
    const owned = {
      ...env,
      kubernetes: { ...env.kubernetes, secret: { owned: true } },
    };
    expect(explainEnvironment(owned).nextStep).toContain(
      'Until then the operator deletes Secret build-secrets it owns in sites-checkout',
    );
    expect(
      explainEnvironment({
        ...env,
        kubernetes: { ...env.kubernetes, secret: undefined },
      }).nextStep,
    ).not.toContain('deletes');
  });

  it('says a secret scheduled for deletion keeps its Secret and must be restored, not written', () => {
    const env = environmentFixture({ name: 'dev', status: 'upstream-missing' });
    const explanation = explainEnvironment({
      ...env,
      aws: {
        ...env.aws,
        deletionScheduledAt: new Date('2026-12-10T00:00:00Z'),
      },
      kubernetes: { ...env.kubernetes, secret: { owned: true } },
    });
    expect(explanation.meaning).toContain('is scheduled for deletion');
    expect(explanation.nextStep).toContain('Restore it');
    expect(explanation.nextStep).toContain(
      'The operator keeps Secret build-secrets in sites-checkout',
    );
    expect(explanation.nextStep).not.toContain('operator deletes Secret');
    expect(explanation.action).toBeUndefined();
  });

  it('says who must bind a withheld environment, and offers nothing to do', () => {
    const env = environmentFixture({ name: 'dev', status: 'error' });
    const explanation = explainEnvironment({
      ...env,
      withheld: true,
      reason: {
        code: 'not-bound',
        hop: 'binding',
        message:
          'Namespace sites-checkout in cluster dev is not bound to an entity; the platform team binds it.',
      },
    });
    expect(explanation).toEqual({
      label: 'Not bound',
      tone: 'warning',
      meaning: expect.stringContaining(
        'has not bound namespace sites-checkout in cluster dev',
      ),
      nextStep:
        'Namespace sites-checkout in cluster dev is not bound to an entity; the platform team binds it.',
    });
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
