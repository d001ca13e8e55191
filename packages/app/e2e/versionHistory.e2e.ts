/*
 * The version history of checkout-web's Development secret in the real
 * portal on the local stack: a write through the portal shows as the newest
 * version, with who wrote it and which key it added; rolling back to the
 * version it replaced (its own confirmation) makes that one current again, so
 * the secret ends as it began. No value reaches a response or the DOM.
 * Needs the portal (`yarn dev`).
 *
 *   cd packages/app && npx tsx --test e2e/versionHistory.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  APP_URL,
  assertPortalRunning,
  launchBrowser,
  signInAsGuest,
} from './browser';
import { domContains, watchResponsesFor } from './canaryWatch';

const SCREENSHOTS = join(__dirname, '../../../docs/screenshots');
/** The write dialog's own timeout (150 s) plus a margin. */
const SYNC_TIMEOUT_MS = 160_000;
const KEY = `E2E_HISTORY_${randomBytes(3).toString('hex').toUpperCase()}`;
const CANARY = `canary-history-${randomBytes(8).toString('hex')}`;

async function writeOneKey(page: Page) {
  await page.getByRole('button', { name: 'Write values' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  for (const box of await dialog.getByRole('checkbox').all()) {
    const name = await box.getAttribute('name');
    if (name !== 'confirm-restricted' && (await box.isChecked())) {
      await box.uncheck();
    }
  }
  await dialog
    .getByRole('checkbox', { name: 'Development', exact: true })
    .check();
  await page.getByLabel('Key 1', { exact: true }).fill(KEY);
  await page.getByLabel('Value 1', { exact: true }).fill(CANARY);
  await page.getByRole('button', { name: 'Write to 1 environment' }).click();
  const step = page.getByTestId('progress-dev-materialised');
  await page.waitForFunction(
    el => el?.getAttribute('data-state') !== 'waiting',
    await step.elementHandle(),
    { timeout: SYNC_TIMEOUT_MS, polling: 500 },
  );
  assert.equal(await step.getAttribute('data-state'), 'done');
  await page.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe(
  'version history and rollback in the portal',
  { timeout: 400_000 },
  () => {
    let page: Page;
    let close: () => Promise<void>;
    let responses: ReturnType<typeof watchResponsesFor>;

    before(async () => {
      await assertPortalRunning();
      ({ page, close } = await launchBrowser());
      responses = watchResponsesFor(page, [CANARY]);
      await signInAsGuest(page);
    });

    after(async () => {
      await close?.();
    });

    it('shows a write as the newest version, then rolls back to the one it replaced', async () => {
      await page.setViewportSize({ width: 1440, height: 1400 });
      await page.goto(
        `${APP_URL}/catalog/default/component/checkout-web/secrets?environment=dev`,
      );
      const detail = page.getByTestId('environment-detail-dev');
      await detail.waitFor({ timeout: 60_000 });
      await writeOneKey(page);

      const history = page.getByTestId('version-history-dev');
      await history
        .getByRole('button', { name: 'Show version history' })
        .click();
      const rows = history.locator('[data-testid^="version-"]');
      const newest = rows.first();
      await newest.getByText(`added ${KEY}`).waitFor({ timeout: 30_000 });
      assert.match((await newest.textContent()) ?? '', /written by .*guest/);
      assert.match((await newest.textContent()) ?? '', /current/);
      assert.ok(
        (await rows.count()) >= 2,
        'the version the write replaced is listed',
      );
      await history.scrollIntoViewIfNeeded();
      await history.screenshot({
        path: join(SCREENSHOTS, 'version-history.png'),
      });

      // the version the write replaced is AWSPREVIOUS now
      const previousRow = rows.filter({
        has: page.getByText('previous', { exact: true }),
      });
      const beforeId = (await previousRow.getAttribute('data-testid'))!.replace(
        /^version-/,
        '',
      );
      await previousRow.getByRole('button', { name: 'Roll back' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/^Roll back to .+ in Development\?$/).waitFor();
      assert.match(
        (await dialog.getByTestId('rollback-explanation').textContent()) ?? '',
        new RegExp(`Version ${beforeId} becomes current again`),
      );
      await dialog.screenshot({
        path: join(SCREENSHOTS, 'version-rollback.png'),
      });

      const rolledBack = page.waitForResponse(
        response =>
          response.url().includes('/rollback') &&
          response.request().method() === 'POST',
      );
      await dialog.getByRole('button', { name: /^Roll back to / }).click();
      assert.equal((await rolledBack).status(), 200);
      await dialog.getByText(/is current; a sync was requested/).waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();

      const restored = history.getByTestId(`version-${beforeId}`);
      await restored.getByText('current').waitFor({ timeout: 30_000 });
      assert.match(
        (await restored.textContent()) ?? '',
        /restored by .*guest/,
      );

      assert.equal(await domContains(page, CANARY), false, 'value in the DOM');
      const { leaks, inspected } = await responses.leaks();
      assert.deepEqual(leaks, [], 'value in a response');
      assert.ok(inspected > 0, 'responses were inspected');
    });
  },
);
