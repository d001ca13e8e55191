/*
 * The demo's dev-kss (synced-secret, kube-secret-syncer) and dev-push
 * (push-secret, the real ESO pushing to moto) environments in the real
 * portal (README, demo tour), with screenshots of each. Needs the portal
 * (`yarn dev`).
 *
 *   cd packages/app && npx tsx --test e2e/engineDemos.e2e.ts
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

async function openEnvironment(
  page: Page,
  component: string,
  environment: string,
) {
  await page.goto(`${APP_URL}/catalog/default/component/${component}/secrets`);
  const detail = page.getByTestId(`environment-detail-${environment}`);
  await detail.waitFor({ timeout: 60_000 });
  return detail;
}

describe(
  'the synced-secret and push-secret engines in the portal',
  { timeout: 300_000 },
  () => {
    let page: Page;
    let close: () => Promise<void>;

    before(async () => {
      await assertPortalRunning();
      ({ page, close } = await launchBrowser());
      await page.setViewportSize({ width: 1440, height: 1500 });
      await signInAsGuest(page);
    });

    after(async () => {
      await close?.();
    });

    it('shows newsletter synced by kube-secret-syncer, with no force-sync button', async () => {
      const detail = await openEnvironment(page, 'newsletter', 'dev-kss');
      await detail.getByText('Synced', { exact: true }).first().waitFor();
      await detail
        .getByText('kube-secret-syncer', { exact: true })
        .first()
        .waitFor();
      await detail.getByTestId('next-poll-note').waitFor();
      assert.equal(
        await detail.getByRole('button', { name: /force sync/i }).count(),
        0,
      );
      await page.screenshot({
        path: join(SCREENSHOTS, 'portal-synced-secret.png'),
      });
    });

    it('shows search-api behind AWS: pending until its poll is due, then drifted', async () => {
      const detail = await openEnvironment(page, 'search-api', 'dev-kss');
      await detail
        .getByText(/^(Pending|Drifted)$/)
        .first()
        .waitFor();
      const status = await detail
        .getByText(/^(Pending|Drifted)$/)
        .first()
        .textContent();
      const note = await detail.getByTestId('next-poll-note').textContent();
      // the seed wrote AWS and the Secret apart: pending until the poll is
      // due and through the grace period after it, drifted after that
      assert.match(
        note ?? '',
        status === 'Pending'
          ? /The Secret (is due in |was due .* ago)/
          : /The Secret was due .* ago/,
      );
    });

    it('shows order-events pushed by ESO to the dev account', async () => {
      const detail = await openEnvironment(page, 'order-events', 'dev-push');
      await detail
        .getByText('Synced', { exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
      const stores = detail.getByRole('table', { name: 'Stores' });
      await stores.getByText('pushed', { exact: true }).waitFor();
    });

    it('shows invoice-pdf failing on one store only', async () => {
      const detail = await openEnvironment(page, 'invoice-pdf', 'dev-push');
      await detail
        .getByText('Error', { exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
      const rows = detail
        .getByRole('table', { name: 'Stores' })
        .getByRole('row');
      await rows.nth(2).waitFor();
      assert.match(
        (await rows.nth(1).textContent()) ?? '',
        /aws-111111111111pushed/,
      );
      assert.match(
        (await rows.nth(2).textContent()) ?? '',
        /aws-broken-credentialsfailed/,
      );
      await page.screenshot({
        path: join(SCREENSHOTS, 'portal-push-secret.png'),
      });
    });
  },
);
