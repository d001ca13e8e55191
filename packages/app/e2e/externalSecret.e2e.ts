/*
 * The demo's dev-eso environment in the real portal: the external-secret
 * engine against the External Secrets Operator the stack runs on dev
 * (README, demo tour). Needs the portal (`yarn dev`).
 *
 *   cd packages/app && npx tsx --test e2e/externalSecret.e2e.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  APP_URL,
  assertPortalRunning,
  launchBrowser,
  signInAsGuest,
} from './browser';

const ENVIRONMENT = 'dev-eso';

async function openEnvironment(page: Page, component: string) {
  await page.goto(`${APP_URL}/catalog/default/component/${component}/secrets`);
  const detail = page.getByTestId(`environment-detail-${ENVIRONMENT}`);
  await detail.waitFor({ timeout: 60_000 });
  return detail;
}

describe(
  'the external-secret engine in the portal',
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

    it('shows loyalty-api synced by ESO', async () => {
      const detail = await openEnvironment(page, 'loyalty-api');
      await detail.getByText('Synced', { exact: true }).first().waitFor();
      assert.ok(
        await detail
          .getByRole('heading', { name: 'External Secrets Operator' })
          .isVisible(),
      );
    });

    it('shows gift-cards as nothing in AWS, in ESO’s own words', async () => {
      const detail = await openEnvironment(page, 'gift-cards');
      await detail
        .getByText('Nothing in AWS', { exact: true })
        .first()
        .waitFor();
      await detail
        .getByText(/Secret does not exist/)
        .first()
        .waitFor();
    });

    it('shows reviews-api drifted by a pinned version, with the way out instead of a force sync', async () => {
      const detail = await openEnvironment(page, 'reviews-api');
      await detail.getByText('Drifted', { exact: true }).first().waitFor();
      const advice = detail.getByRole('alert').first();
      const text = await advice.textContent();
      assert.match(text ?? '', /pins version uuid\//);
      assert.match(text ?? '', /Remove the version from its remoteRef/);
      assert.equal(
        await advice.getByRole('button', { name: /force/i }).count(),
        0,
      );
    });
  },
);
