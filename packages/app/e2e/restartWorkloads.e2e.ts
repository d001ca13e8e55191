/*
 * Restarting checkout-web's stale Deployment from its Secrets tab in the
 * real portal on the local stack: the confirmation names the workload, then
 * the dialog follows the rollout. The local clusters run no controllers, so
 * the dialog must end saying that no new pod exists rather than claim a
 * restart. Needs the portal (`yarn dev`).
 *
 *   cd packages/app && npx tsx --test e2e/restartWorkloads.e2e.ts
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  APP_URL,
  assertPortalRunning,
  launchBrowser,
  signInAsGuest,
} from './browser';

const SCREENSHOTS = join(__dirname, '../../../docs/screenshots');

describe(
  'restarting stale workloads in the portal',
  { timeout: 300_000 },
  () => {
    let page: Page;
    let close: () => Promise<void>;

    before(async () => {
      await assertPortalRunning();
      ({ page, close } = await launchBrowser());
      await signInAsGuest(page);
    });

    after(async () => {
      await close?.();
    });

    it('names the Deployment before restarting it, then says what the cluster reported', async () => {
      await page.goto(
        `${APP_URL}/catalog/default/component/checkout-web/secrets?environment=dev`,
      );
      const detail = page.getByTestId('environment-detail-dev');
      await detail.waitFor({ timeout: 60_000 });
      await detail
        .getByText(
          /1 pod started before the last change still holds old values/,
        )
        .waitFor({ timeout: 60_000 });

      await detail
        .getByRole('button', { name: 'Restart checkout-web' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByText('Restart Deployment checkout-web in Development?')
        .waitFor();
      assert.ok(
        await dialog
          .getByRole('list', { name: 'Workloads to restart' })
          .getByText('Deployment checkout-web')
          .isVisible(),
      );

      await dialog.screenshot({
        path: join(SCREENSHOTS, 'restart-workloads-confirm.png'),
      });

      const restarted = page.waitForResponse(
        response =>
          response.url().includes('/workloads/restart') &&
          response.request().method() === 'POST',
      );
      await dialog
        .getByRole('button', { name: 'Restart in Development' })
        .click();
      assert.equal((await restarted).status(), 200);

      const rollouts = dialog.getByRole('list', { name: 'Rollouts' });
      await rollouts.getByText('Deployment checkout-web').waitFor();
      assert.match(
        (await rollouts.textContent()) ?? '',
        /controller has not acted on it yet|new pods created/,
      );

      // no controller runs on the local cluster: the end says so, and no success
      const outcome = dialog.getByTestId('restart-outcome');
      await outcome.waitFor({ timeout: 150_000 });
      const text = (await outcome.textContent()) ?? '';
      assert.match(text, /no new pod exists|created so far|reports \d+ ready/);
      assert.doesNotMatch(text, /^Restarted/);
      await dialog.screenshot({
        path: join(SCREENSHOTS, 'restart-workloads.png'),
      });
    });
  },
);
