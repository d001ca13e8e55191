/*
 * Screenshots of the Secrets tab in the real portal on the local stack
 * (`yarn dev` at the repository root):
 *
 *   yarn tsx e2e/screenshots.ts [../../docs/screenshots]
 */
import { join, resolve } from 'node:path';
import { APP_URL, launchBrowser, signInAsGuest } from './browser';

const outDir = resolve(
  process.argv[2] ?? join(__dirname, '../../../docs/screenshots'),
);

async function main() {
  const { page, close } = await launchBrowser();
  await page.setViewportSize({ width: 1440, height: 1500 });
  await signInAsGuest(page);

  await page.goto(`${APP_URL}/catalog/default/component/checkout-web/secrets`);
  await page.getByTestId('environment-detail-dev').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(outDir, 'portal-secrets-tab.png') });

  await page.goto(`${APP_URL}/catalog/default/component/cart-service/secrets`);
  await page.getByTestId('environment-detail-dev').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({
    path: join(outDir, 'portal-secrets-tab-unowned.png'),
  });

  await page.goto(`${APP_URL}/catalog/default/component/checkout-web/secrets`);
  await page.getByTestId('environment-detail-dev').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Write values' }).first().click();
  await page.getByLabel('Key 1', { exact: true }).fill('STRIPE_WEBHOOK_SECRET');
  await page.getByLabel('Value 1', { exact: true }).fill('not-a-real-value');
  await page.getByRole('checkbox', { name: 'Production (restricted)' }).check();
  await page.waitForTimeout(300);
  await page
    .getByRole('dialog')
    .screenshot({ path: join(outDir, 'portal-write-dialog.png') });
  await close();
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
