/*
 * End-to-end: the Secrets tab in headless Chromium against the full local
 * stack (`yarn dev` at the repository root: sandbox, reference operator,
 * backend on 7007, app on 3000). Run with `yarn test:e2e` in packages/app.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  APP_URL,
  assertPortalRunning,
  launchBrowser,
  signInAsGuest,
} from './browser';
import { domContains, markupContains, watchResponsesFor } from './canaryWatch';

/** Owned by team-storefront, of which the guest is a member. */
const WRITABLE = 'checkout-web';
/** Owned by team-payments, of which the guest is not a member; readable as a platform reader. */
const NOT_OWNED = 'payments-ledger';
/** The write dialog's own timeout (150 s) plus a margin. */
const SYNC_TIMEOUT_MS = 160_000;
/** The title app-config.yaml gives the dev environment. */
const DEV_TITLE = 'Development';

const run = randomBytes(3).toString('hex').toUpperCase();
const KEY_A = `E2E_${run}_A`;
const KEY_B = `E2E_${run}_B`;
const CANARY_A = `canary-a-${randomBytes(8).toString('hex')}`;
const CANARY_B = `canary-b-${randomBytes(8).toString('hex')}`;

async function openSecretsTab(page: Page, component: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${APP_URL}/catalog/default/component/${component}/secrets`);
  await page.getByTestId('secrets-sync-topology').waitFor({ timeout: 60_000 });
  await page
    .locator('[data-testid^="topology-node-environment:"]')
    .first()
    .waitFor();
  return Date.now() - started;
}

async function selectEnvironment(page: Page, title: string) {
  await page.getByRole('tab', { name: new RegExp(`^${title}:`) }).click();
}

async function waitForMaterialised(page: Page, environment: string) {
  const step = page.getByTestId(`progress-${environment}-materialised`);
  await page.waitForFunction(
    el => el?.getAttribute('data-state') !== 'waiting',
    await step.elementHandle(),
    { timeout: SYNC_TIMEOUT_MS, polling: 500 },
  );
  const state = await step.getAttribute('data-state');
  const message = await page
    .getByTestId(`progress-${environment}-message`)
    .textContent()
    .catch(() => '');
  assert.equal(state, 'done', `not materialised in ${environment}: ${message}`);
}

/** A failed earlier test may have left a dialog open. */
async function closeLeftoverDialog(page: Page) {
  const leftover = page.getByRole('dialog');
  if (await leftover.count()) {
    await page.keyboard.press('Escape');
    await leftover.waitFor({ state: 'detached' });
  }
}

async function openWriteDialog(page: Page) {
  await closeLeftoverDialog(page);
  await page.getByRole('button', { name: 'Write values' }).first().click();
  await page.getByRole('dialog').waitFor();
}

async function onlyEnvironment(page: Page, title: string) {
  const boxes = page.getByRole('dialog').getByRole('checkbox');
  for (const box of await boxes.all()) {
    const name = await box.getAttribute('name');
    if (name === 'confirm-restricted') continue;
    if (await box.isChecked()) await box.uncheck();
  }
  await page
    .getByRole('dialog')
    .getByRole('checkbox', { name: title, exact: true })
    .check();
}

describe('secrets-sync Secrets tab', { timeout: 900_000 }, () => {
  let page: Page;
  let close: () => Promise<void>;
  let responses: ReturnType<typeof watchResponsesFor>;

  before(async () => {
    await assertPortalRunning();
    ({ page, close } = await launchBrowser());
    responses = watchResponsesFor(page, [CANARY_A, CANARY_B]);
    await signInAsGuest(page);
  });

  after(async () => {
    await close?.();
  });

  it('shows the topology of a demo component', async t => {
    const ms = await openSecretsTab(page, WRITABLE);
    t.diagnostic(`navigation to rendered topology (${WRITABLE}): ${ms} ms`);
    assert.ok(
      await page.getByTestId('topology-node-environment:dev').isVisible(),
    );
    assert.ok(await page.getByTestId('environment-detail-dev').isVisible());
  });

  it('writes two keys to dev and follows them until the Secret is synced', async () => {
    await selectEnvironment(page, DEV_TITLE);
    await openWriteDialog(page);
    await onlyEnvironment(page, DEV_TITLE);
    await page.getByLabel('Key 1', { exact: true }).fill(KEY_A);
    await page.getByLabel('Value 1', { exact: true }).fill(CANARY_A);
    await page.getByRole('button', { name: 'Add key' }).click();
    await page.getByLabel('Key 2', { exact: true }).fill(KEY_B);
    // typed as a person types, the markup checked every few keystrokes
    const valueB = page.getByLabel('Value 2', { exact: true });
    for (let typed = 6; typed < CANARY_B.length + 6; typed += 6) {
      await valueB.pressSequentially(CANARY_B.slice(typed - 6, typed));
      // from the 12th character on, the typed part holds random hex
      if (typed >= 12) {
        assert.equal(
          await markupContains(page, CANARY_B.slice(0, typed)),
          false,
          `value B in the page's markup after ${typed} characters were typed`,
        );
      }
    }
    assert.equal(await valueB.inputValue(), CANARY_B);
    await page.getByRole('button', { name: 'Write to 1 environment' }).click();

    assert.equal(
      await domContains(page, CANARY_A),
      false,
      'value A in the DOM after submit',
    );
    assert.equal(
      await domContains(page, CANARY_B),
      false,
      'value B in the DOM after submit',
    );
    await waitForMaterialised(page, 'dev');
    await page.getByRole('button', { name: 'Done' }).click();

    const detail = page.getByTestId('environment-detail-dev');
    await detail.getByTestId(`key-${KEY_A}`).waitFor();
    await detail.getByTestId(`key-${KEY_B}`).waitFor();
    assert.equal(
      await detail.locator('[data-status]').first().getAttribute('data-status'),
      'synced',
    );
    assert.equal(await domContains(page, CANARY_A), false);
  });

  it('unsets one key', async () => {
    await openWriteDialog(page);
    await onlyEnvironment(page, DEV_TITLE);
    await page.getByRole('button', { name: `Unset ${KEY_B}` }).click();
    await page.getByRole('button', { name: 'Write to 1 environment' }).click();
    await waitForMaterialised(page, 'dev');
    await page.getByRole('button', { name: 'Done' }).click();

    const detail = page.getByTestId('environment-detail-dev');
    await detail.getByTestId(`key-${KEY_A}`).waitFor();
    await detail.getByTestId(`key-${KEY_B}`).waitFor({ state: 'detached' });
  });

  it('forces a sync', async () => {
    await closeLeftoverDialog(page);
    const detail = page.getByTestId('environment-detail-dev');
    await detail.getByRole('button', { name: 'Force sync' }).first().click();
    await page.getByText('Sync requested in dev').waitFor({ timeout: 30_000 });
    const lastForceSync = detail.locator('dt:text-is("Last force sync") + dd');
    await page.waitForFunction(
      el => /seconds? ago|now/.test(el?.textContent ?? ''),
      await lastForceSync.elementHandle(),
      { timeout: 30_000 },
    );
  });

  it('asks for confirmation before writing to a restricted environment', async () => {
    await openWriteDialog(page);
    const dialog = page.getByRole('dialog');
    const restricted = dialog
      .getByRole('checkbox', { name: /\(restricted\)/ })
      .first();
    await restricted.check();
    await page.getByTestId('restricted-confirmation').waitFor();
    await page.getByLabel('Key 1', { exact: true }).fill(KEY_A);
    await page.getByLabel('Value 1', { exact: true }).fill(CANARY_A);
    assert.equal(
      await dialog.getByRole('button', { name: /^Write to/ }).isDisabled(),
      true,
    );
    await dialog.getByRole('checkbox', { name: /^I mean to write to/ }).check();
    assert.equal(
      await dialog.getByRole('button', { name: /^Write to/ }).isEnabled(),
      true,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows no write button to a user without the write permission', async () => {
    // The default policy gives writes to owners only; the guest reads a
    // team-payments component as a platform reader (platform-team is in
    // secretsSync.platformReaders), and may not write to it.
    await openSecretsTab(page, NOT_OWNED);
    assert.equal(
      await page.getByRole('button', { name: 'Write values' }).count(),
      0,
    );
    assert.equal(
      await page.getByRole('button', { name: 'Force sync' }).count(),
      0,
    );
  });

  it('cleans up the key it wrote', async () => {
    await openSecretsTab(page, WRITABLE);
    await openWriteDialog(page);
    await onlyEnvironment(page, DEV_TITLE);
    await page.getByRole('button', { name: `Unset ${KEY_A}` }).click();
    await page.getByRole('button', { name: 'Write to 1 environment' }).click();
    await waitForMaterialised(page, 'dev');
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('never received a canary value in a response', async () => {
    const { leaks, inspected } = await responses.leaks();
    assert.ok(inspected > 10, `only ${inspected} responses inspected`);
    assert.deepEqual(leaks, []);
  });
});
