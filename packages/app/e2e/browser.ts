import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where the portal under test runs (`yarn dev` at the repository root). */
export const APP_URL = process.env.E2E_APP_URL ?? 'http://localhost:3000';

/** Headless Chromium with a fresh profile, as the project runs it everywhere. */
export async function launchBrowser(): Promise<{
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'secrets-sync-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1440, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Fails with a clear message when the portal is not running. */
export async function assertPortalRunning(): Promise<void> {
  try {
    await fetch(APP_URL);
  } catch {
    throw new Error(
      `The portal is not running at ${APP_URL}: start the local stack with "yarn dev" at the repository root`,
    );
  }
}

/** Opens the app and signs in as the demo guest. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto(APP_URL);
  const enter = page.getByRole('button', { name: 'Enter' });
  const sidebar = page.locator('nav[aria-label="sidebar nav"]');
  await enter
    .or(sidebar)
    .first()
    .waitFor({ state: 'attached', timeout: 60_000 });
  if (await enter.isVisible()) {
    await enter.click();
  }
  await sidebar.waitFor({ state: 'attached', timeout: 60_000 });
}
