/*
 * Takes the README's screenshots from the running dev harness
 * (`yarn start` in this package) in headless Chromium:
 *
 *   yarn tsx dev/screenshots.ts [http://localhost:3000] [../../docs/screenshots]
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const outDir = resolve(
  process.argv[3] ?? join(__dirname, '../../../docs/screenshots'),
);

async function settle(page: Page) {
  await page.getByTestId('secrets-sync-topology').waitFor();
  await page.waitForTimeout(800);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'secrets-sync-shots-')),
    {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  /** Backstage scrolls inside its layout, so grow the viewport to the content. */
  const shot = async (name: string, fullPage = false) => {
    if (fullPage) {
      const height = await page.evaluate(() =>
        Math.max(
          ...Array.from(document.querySelectorAll('main, main *')).map(
            element => element.scrollHeight,
          ),
        ),
      );
      await page.setViewportSize({
        width: 1440,
        height: Math.min(height + 80, 4000),
      });
      await page.waitForTimeout(500);
    }
    await page.screenshot({ path: join(outDir, `${name}.png`) });
    await page.setViewportSize({ width: 1440, height: 900 });
  };

  await page.goto(`${baseUrl}/catalog/default/component/checkout/secrets`);
  await settle(page);
  await shot('secrets-tab-six-environments', true);

  await page.getByRole('tab', { name: /Production EU/ }).click();
  await page.waitForTimeout(300);
  await page.getByTestId('environment-detail-eu-prod').screenshot({
    path: join(outDir, 'environment-detail-unowned.png'),
  });

  await page.goto(`${baseUrl}/catalog/default/component/search/secrets`);
  await settle(page);
  await shot('secrets-tab-one-environment', true);

  await page.goto(`${baseUrl}/catalog/default/component/checkout/secrets`);
  await settle(page);
  await page.getByRole('button', { name: 'Write values' }).first().click();
  await page.getByLabel('Key 1', { exact: true }).fill('STRIPE_WEBHOOK_SECRET');
  await page.getByLabel('Value 1', { exact: true }).fill('whsec_example');
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByLabel('Key 2', { exact: true }).fill('FEATURE_FLAGS_TOKEN');
  await page.getByLabel('Value 2', { exact: true }).fill('ff_example');
  await page.getByRole('checkbox', { name: 'Production (restricted)' }).check();
  await page.getByRole('button', { name: 'Unset SENTRY_DSN' }).click();
  await page.waitForTimeout(300);
  await page
    .getByRole('dialog')
    .screenshot({ path: join(outDir, 'write-dialog.png') });

  await page
    .getByRole('checkbox', { name: 'Production (restricted)' })
    .uncheck();
  await page.getByRole('checkbox', { name: 'Staging' }).check();
  await page.getByRole('button', { name: /^Write to/ }).click();
  await page.getByRole('button', { name: 'Done' }).waitFor();
  await page
    .getByRole('dialog')
    .screenshot({ path: join(outDir, 'write-progress.png') });

  await page.goto(`${baseUrl}/catalog/default/component/checkout`);
  await page.getByText('See the topology').waitFor();
  await page.waitForTimeout(800);
  await shot('overview-card');

  await page.goto(`${baseUrl}/catalog/default/component/legacy-app/secrets`);
  await page.getByText('does not use secrets-sync yet').waitFor();
  await shot('not-opted-in');

  await context.close();
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
