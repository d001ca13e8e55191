/*
 * The demo's dev-shared environment (cluster-external-secret, the real ESO
 * fanning a shared secret out by ClusterExternalSecret) in the real portal
 * (README, demo tour): the shared secret's fan-out with its failed
 * namespace, and a component whose namespace receives it. Needs the portal
 * (`yarn dev`).
 *
 *   cd packages/app && npx tsx --test e2e/sharedSecrets.e2e.ts
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  APP_URL,
  assertPortalRunning,
  launchBrowser,
  signInAsGuest,
} from './browser';

const SCREENSHOTS = resolve(__dirname, '../../../docs/screenshots');

describe('a shared secret in the portal', { timeout: 300_000 }, () => {
  let page: Page;
  let close: () => Promise<void>;

  before(async () => {
    await assertPortalRunning();
    ({ page, close } = await launchBrowser());
    await page.setViewportSize({ width: 1440, height: 1700 });
    await signInAsGuest(page);
  });

  after(async () => {
    await close?.();
  });

  it('shows registry-credentials fanned out, with the failed namespace and ESO’s reason', async () => {
    await page.goto(
      `${APP_URL}/catalog/default/resource/registry-credentials/secrets`,
    );
    const detail = page.getByTestId('environment-detail-dev-shared');
    await detail.waitFor({ timeout: 60_000 });
    const table = detail.getByRole('table', { name: 'Namespaces' });
    await table.waitFor({ timeout: 60_000 });
    const rows = table.getByRole('row');
    await rows.filter({ hasText: 'legacy-builds' }).waitFor();
    assert.match(
      await rows.filter({ hasText: 'legacy-builds' }).innerText(),
      /failed[\s\S]*external secret already exists in namespace/,
    );
    assert.match(
      await rows.filter({ hasText: 'eso-reviews-api' }).innerText(),
      /provisioned[\s\S]*Deployment image-builder/,
    );
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(SCREENSHOTS, 'portal-shared-secret.png'),
      fullPage: true,
    });
  });

  it('lists the shared secret loyalty-api’s namespace receives, read-only', async () => {
    await page.goto(`${APP_URL}/catalog/default/component/loyalty-api/secrets`);
    const detail = page.getByTestId('environment-detail-dev-eso');
    await detail.waitFor({ timeout: 60_000 });
    const received = detail.getByRole('region', { name: 'Shared secrets' });
    await received.waitFor({ timeout: 60_000 });
    await received
      .getByRole('link', { name: 'Registry credentials' })
      .waitFor();
    assert.equal(await received.getByRole('button').count(), 0);
  });
});
