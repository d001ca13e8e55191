/*
 * Figure P6: time from navigation to a rendered topology.
 *
 *   yarn tsx e2e/measureTopology.ts <component> [environments] [runs]
 *
 * Measures, in headless Chromium against a running portal, (a) a full page
 * load of the Secrets tab and (b) an in-app navigation from the Overview tab,
 * each until every environment node of the topology is drawn.
 */
import { APP_URL, launchBrowser, signInAsGuest } from './browser';

const component = process.argv[2] ?? 'checkout-web';
const environments = Number(process.argv[3] ?? 2);
const runs = Number(process.argv[4] ?? 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const { page, close } = await launchBrowser();
  await signInAsGuest(page);
  const envNodes = page.locator('[data-testid^="topology-node-environment:"]');
  // The entity page's tabs are links in the new frontend system.
  const entityTab = (name: string) =>
    page
      .getByRole('tab', { name, exact: true })
      .or(page.getByRole('link', { name, exact: true }))
      .first();
  const drawn = () =>
    page.waitForFunction(
      n =>
        document.querySelectorAll('[data-testid^="topology-node-environment:"]')
          .length >= n,
      environments,
      { timeout: 60_000, polling: 'raf' },
    );

  // Warm the dev server's bundle once; it is not what is measured.
  await page.goto(`${APP_URL}/catalog/default/component/${component}/secrets`);
  await drawn();

  const fullLoads: number[] = [];
  const inApp: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = Date.now();
    await page.goto(
      `${APP_URL}/catalog/default/component/${component}/secrets`,
    );
    await drawn();
    fullLoads.push(Date.now() - started);

    await entityTab('Overview').click();
    await envNodes.first().waitFor({ state: 'detached' });
    started = Date.now();
    await entityTab('Secrets').click();
    await drawn();
    inApp.push(Date.now() - started);
  }
  const count = await envNodes.count();
  process.stdout.write(
    `${JSON.stringify(
      {
        component,
        environmentNodes: count,
        runs,
        fullPageLoadMs: { median: median(fullLoads), all: fullLoads },
        inAppNavigationMs: { median: median(inApp), all: inApp },
      },
      null,
      2,
    )}\n`,
  );
  await close();
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
