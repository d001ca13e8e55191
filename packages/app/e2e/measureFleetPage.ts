/*
 * Figure P8's browser half: the fleet page in headless Chromium, its fleet
 * and environment reads sent to a backend given by URL (the bench's, with
 * thousands of components), the app being the running portal's.
 *
 *   yarn tsx e2e/measureFleetPage.ts <backend base URL> <components> <components in prod> <tenant key prefix> [runs]
 *
 * Prints one JSON line: first paint, environment filter and search times
 * of each run, in milliseconds.
 */
import type { Page } from 'playwright-core';
import { APP_URL, launchBrowser, signInAsGuest } from './browser';

const [backendUrl, total, prodTotal, prefix, runsArg] = process.argv.slice(2);
const entities = Number(total);
const inProd = Number(prodTotal);
const runs = Number(runsArg ?? 5);

/** Waits until the counts read `components` and the table is drawn, nothing loading. */
async function settled(page: Page, components: number, rows?: number) {
  await page
    .waitForFunction(
      ({ components: expected, rows: expectedRows }) => {
        const results = document.querySelector('[data-testid="fleet-results"]');
        const counts = document.querySelector(
          '[aria-label="Environments per status"]',
        );
        const drawn = document.querySelectorAll('tr[data-entity-ref]').length;
        return (
          results?.getAttribute('aria-busy') === 'false' &&
          counts?.textContent?.startsWith(`${expected} component`) &&
          (expectedRows === undefined ? drawn > 0 : drawn === expectedRows)
        );
      },
      { components, rows },
      { timeout: 120_000, polling: 'raf' },
    )
    .catch(async error => {
      const shown = await page
        .locator('[data-testid="fleet-results"]')
        .textContent()
        .catch(() => 'nothing');
      throw new Error(
        `the fleet page did not show ${components} components: ${String(
          error,
        )}; it shows ${shown?.slice(0, 300)}`,
      );
    });
}

/**
 * Sends the page's fleet and environment reads to the bench backend, so the
 * portal's own app draws the bench's catalog.
 */
async function routeToBackend(page: Page, baseUrl: string) {
  await page.route(
    /\/api\/secrets-sync\/(fleet|environments)(\?|$)/,
    async route => {
      const url = new URL(route.request().url());
      const answer = await fetch(
        `${baseUrl}${url.pathname.replace(/^.*\/api\/secrets-sync/, '')}${
          url.search
        }`,
      );
      await route.fulfill({
        status: answer.status,
        contentType: 'application/json',
        body: await answer.text(),
      });
    },
  );
}

async function main() {
  const { page, close } = await launchBrowser();
  try {
    await routeToBackend(page, backendUrl);
    await signInAsGuest(page);
    const firstPaint: number[] = [];
    const environmentFilter: number[] = [];
    const search: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(`${APP_URL}/secrets-sync`, {
        waitUntil: 'commit',
        timeout: 120_000,
      });
      await settled(page, entities);
      firstPaint.push(await page.evaluate(() => performance.now()));

      await page.getByRole('button', { name: /^Environment/ }).click();
      let start = performance.now();
      await page.getByRole('option', { name: 'prod', exact: true }).click();
      await settled(page, inProd);
      environmentFilter.push(performance.now() - start);

      await page.getByRole('button', { name: 'Clear filters' }).first().click();
      await settled(page, entities);
      const target = `${prefix}-${String((run * 397 + 11) % entities).padStart(
        5,
        '0',
      )}`;
      start = performance.now();
      await page.getByRole('textbox', { name: 'Search' }).fill(target);
      await settled(page, 1, 1);
      search.push(performance.now() - start);
    }
    process.stdout.write(
      `${JSON.stringify({ firstPaint, environmentFilter, search })}\n`,
    );
  } finally {
    await close();
  }
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
