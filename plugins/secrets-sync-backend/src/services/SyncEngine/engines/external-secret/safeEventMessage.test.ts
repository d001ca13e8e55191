import { safeEventMessage } from './safeEventMessage';

describe('safeEventMessage', () => {
  it('keeps a provider error as ESO wrote it', () => {
    const message =
      'error processing spec.dataFrom[0].extract, err: Secret does not exist';
    expect(safeEventMessage(message)).toBe(message);
  });

  it('never repeats a template error, which may quote rendered values', () => {
    const canary = 'canary-value-7f3a';
    const summary = safeEventMessage(
      `could not apply template: template: DB:1:9: executing "DB" at <"${canary}">: error calling fromJson`,
    );
    expect(summary).not.toContain(canary);
    expect(summary).toContain('template');
  });
});
