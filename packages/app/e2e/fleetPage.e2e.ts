/*
 * The fleet page in the real portal on the local stack: reached from the
 * nav, every demo component in each environment (the guest is a platform
 * reader, so team-payments' components are listed too), filtered by search
 * and by status on the server, and each cell opening the component's
 * Secrets tab at that environment. Needs the portal (`yarn dev`).
 *
 *   cd packages/app && npx tsx --test e2e/fleetPage.e2e.ts
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

/** The entity refs of the rows on screen, once the page has settled. */
async function rows(page: Page): Promise<string[]> {
  await page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid="fleet-results"]')
        ?.getAttribute('aria-busy') === 'false',
    undefined,
    { timeout: 60_000 },
  );
  return page
    .locator('tr[data-entity-ref]')
    .evaluateAll(trs => trs.map(tr => tr.getAttribute('data-entity-ref')!));
}

/** Waits until the rows on screen are exactly what `expected` says. */
async function waitForRows(page: Page, expected: (refs: string[]) => boolean) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const refs = await rows(page);
    if (expected(refs)) return refs;
    if (Date.now() > deadline) {
      throw new Error(`the fleet shows ${refs.join(', ') || 'no row'}`);
    }
    await page.waitForResponse(
      response => response.url().includes('/api/secrets-sync/fleet'),
      { timeout: 60_000 },
    );
  }
}

describe('the fleet page in the portal', { timeout: 300_000 }, () => {
  let page: Page;
  let close: () => Promise<void>;

  before(async () => {
    await assertPortalRunning();
    ({ page, close } = await launchBrowser());
    await page.setViewportSize({ width: 1440, height: 1100 });
    await signInAsGuest(page);
  });

  after(async () => {
    await close?.();
  });

  it('lists every demo component in each environment, reached from the nav', async () => {
    await page
      .locator('nav[aria-label="sidebar nav"]')
      .getByRole('link', { name: 'Secrets fleet' })
      .click();
    await page.waitForURL(`${APP_URL}/secrets-sync`);
    const refs = await waitForRows(page, r => r.length > 0);
    for (const name of ['checkout-web', 'payments-ledger', 'fraud-scorer']) {
      assert.ok(
        refs.includes(`component:default/${name}`),
        `${name} is listed: ${refs.join(', ')}`,
      );
    }
    const counts = page.getByRole('group', { name: 'Environments per status' });
    assert.match(
      (await counts.textContent()) ?? '',
      new RegExp(`^${refs.length} components`),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'fleet-page.png') });
  });

  it('searches on the server', async () => {
    await page.getByRole('textbox', { name: 'Search' }).fill('fraud');
    const refs = await waitForRows(
      page,
      r => r.length > 0 && r.every(ref => ref.includes('fraud')),
    );
    assert.ok(refs.includes('component:default/fraud-scorer'));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForRows(page, r => r.includes('component:default/checkout-web'));
  });

  it('filters by a status from its count', async () => {
    const counts = page.getByRole('group', { name: 'Environments per status' });
    await counts.locator('[data-status="error"]').click();
    const refs = await waitForRows(
      page,
      r => r.length > 0 && !r.includes('component:default/checkout-web'),
    );
    assert.ok(refs.includes('component:default/payments-ledger'));
    for (const ref of refs) {
      assert.ok(
        (await page
          .locator(`tr[data-entity-ref="${ref}"] [data-status="error"]`)
          .count()) > 0,
        `${ref} has an environment in error`,
      );
    }
  });

  it("opens a component's Secrets tab at the environment of the cell", async () => {
    await page
      .locator('tr[data-entity-ref="component:default/payments-ledger"]')
      .getByTestId('fleet-cell-prod')
      .click();
    await page.waitForURL(
      `${APP_URL}/catalog/default/component/payments-ledger/secrets?environment=prod`,
    );
    await page
      .getByTestId('environment-detail-prod')
      .waitFor({ timeout: 60_000 });
    assert.equal(
      await page
        .getByRole('tab', { name: /^Production:/ })
        .getAttribute('aria-selected'),
      'true',
    );
  });
});
