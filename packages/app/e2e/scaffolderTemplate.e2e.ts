/*
 * End-to-end: the template "Set up secrets for a component" in headless
 * Chromium against the shared local stack (`yarn dev` at the repository
 * root), run as the demo guest. The values typed into the form reach AWS
 * Secrets Manager (moto) and, through the operator, the Kubernetes Secret;
 * the task page, its log and every response stay free of them; a component
 * the guest does not own is refused with the write route's message.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  awsClientConfigFor,
  kubeConfigFor,
  SANDBOX_ACCOUNTS,
} from '@internal/sandbox';
import type { Page } from 'playwright-core';
import {
  APP_URL,
  assertPortalRunning,
  launchBrowser,
  signInAsGuest,
} from './browser';
import { domContains, markupContains, watchResponsesFor } from './canaryWatch';

const BACKEND_URL = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
/** Owned by team-storefront, of which the guest is a member. */
const OWNED = 'checkout-web';
/** Owned by team-payments: the guest may read it (platform reader), not write. */
const NOT_OWNED = 'payments-ledger';
/** The operator's resync interval is well under this; the Secret follows a write. */
const MATERIALISED_TIMEOUT_MS = 150_000;
const TEMPLATE_URL = `${APP_URL}/create/templates/default/set-up-secrets`;

const run = randomBytes(3).toString('hex').toUpperCase();
const KEY_A = `TPL_${run}_A`;
const KEY_B = `TPL_${run}_B`;
const CANARY_A = `canary-tpl-a-${randomBytes(8).toString('hex')}`;
const CANARY_B = `canary-tpl-b-${randomBytes(8).toString('hex')}`;
const CANARIES = [CANARY_A, CANARY_B];

async function guestToken(): Promise<string> {
  const response = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`);
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

/** Every log line and status event of a task, as the scaffolder serves them. */
async function taskEvents(taskId: string): Promise<string> {
  const response = await fetch(
    `${BACKEND_URL}/api/scaffolder/v2/tasks/${taskId}/events`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
  assert.equal(response.status, 200, 'the task events are readable');
  return response.text();
}

/** The task id of the task page the browser is on. */
function taskIdOf(page: Page): string {
  const match = /\/create\/tasks\/([^/?#]+)/.exec(page.url());
  assert.ok(match, `not on a task page: ${page.url()}`);
  return match[1];
}

/** Chooses a component in the owned-entity picker, returning the options it offered. */
async function pickComponent(page: Page, name: string): Promise<string[]> {
  const picker = page.getByRole('combobox').first();
  await picker.waitFor({ timeout: 60_000 });
  await picker.click();
  const options = page.getByRole('option');
  await options.first().waitFor({ timeout: 30_000 });
  const offered = (await options.allTextContents()).map(text => text.trim());
  await page.getByRole('option', { name, exact: true }).click();
  return offered;
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

/** The last step's button leads to the review. */
async function review(page: Page) {
  await page.getByRole('button', { name: 'Review' }).click();
}

/** Fills the values step: one row typed, one pasted as .env. */
async function enterValues(page: Page) {
  await page.getByLabel('Key 1', { exact: true }).fill(KEY_A);
  await page.getByLabel('Value 1', { exact: true }).fill(CANARY_A);
  await page
    .getByLabel('Paste a .env block', { exact: true })
    .fill(`${KEY_B}=${CANARY_B}\n`);
  await page.getByRole('button', { name: 'Add these keys' }).click();
  await page.getByLabel('Key 2', { exact: true }).waitFor();
}

/** The task's status, as the scaffolder reports it. */
async function taskStatus(taskId: string): Promise<string> {
  const response = await fetch(
    `${BACKEND_URL}/api/scaffolder/v2/tasks/${taskId}`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
  return ((await response.json()) as { status: string }).status;
}

/** Submits the form and waits on the task page until the task ends. */
async function createAndWait(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/create\/tasks\//, { timeout: 60_000 });
  const taskId = taskIdOf(page);
  const deadline = Date.now() + 120_000;
  let status = await taskStatus(taskId);
  while (!['completed', 'failed', 'cancelled'].includes(status)) {
    assert.ok(Date.now() < deadline, `the task is still ${status}`);
    await new Promise(resolve => setTimeout(resolve, 1000));
    status = await taskStatus(taskId);
  }
  return status;
}

async function storedInAws(): Promise<Record<string, string>> {
  const aws = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
  );
  const { SecretString } = await aws.send(
    new GetSecretValueCommand({ SecretId: `sites/${OWNED}/build` }),
  );
  return JSON.parse(SecretString ?? '{}');
}

/** The operator's Secret, once it holds both keys (or what it holds at the timeout). */
async function materialisedSecret(): Promise<Record<string, string>> {
  const core = kubeConfigFor('dev', 'admin').makeApiClient(CoreV1Api);
  const deadline = Date.now() + MATERIALISED_TIMEOUT_MS;
  for (;;) {
    const secret = await core.readNamespacedSecret({
      name: 'build-secrets',
      namespace: `sites-${OWNED}`,
    });
    const data = Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value, 'base64').toString('utf8'),
      ]),
    );
    if ((data[KEY_A] && data[KEY_B]) || Date.now() > deadline) {
      return data;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** Removes this run's keys again, through the write route as the guest. */
async function removeKeys() {
  await fetch(
    `${BACKEND_URL}/api/secrets-sync/entities/component/default/${OWNED}/values`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await guestToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ environments: ['dev'], unset: [KEY_A, KEY_B] }),
    },
  );
}

describe('the template Set up secrets for a component', () => {
  let page: Page;
  let close: () => Promise<void>;
  let responses: ReturnType<typeof watchResponsesFor>;

  before(async () => {
    await assertPortalRunning();
    ({ page, close } = await launchBrowser());
    responses = watchResponsesFor(page, CANARIES);
    await signInAsGuest(page);
  });

  after(async () => {
    await removeKeys();
    await close?.();
  });

  it("writes the guest's values to a component they own, to AWS and through the operator to the Secret", async () => {
    await page.goto(TEMPLATE_URL);
    const offered = await pickComponent(page, OWNED);
    assert.ok(
      !offered.includes(NOT_OWNED),
      `the picker offers only owned components, offered: ${offered.join(', ')}`,
    );
    assert.ok(!offered.includes('docs-site'), 'and only opted-in ones');
    await next(page);
    // Development is chosen by default, and sync turned on where it is off
    await next(page);
    await enterValues(page);
    assert.equal(await markupContains(page, CANARY_A), false);
    assert.equal(await markupContains(page, CANARY_B), false);
    await review(page);
    const reviewed = await page.locator('body').innerText();
    assert.ok(reviewed.includes(KEY_A), 'the review names the keys');
    assert.ok(!CANARIES.some(canary => reviewed.includes(canary)));

    assert.equal(await createAndWait(page), 'completed');
    await page
      .getByRole('link', { name: 'Open the component' })
      .waitFor({ timeout: 60_000 });

    const taskPage = await page.locator('body').innerText();
    assert.match(taskPage, /dev\*{0,2}: written/);
    const events = await taskEvents(taskIdOf(page));
    assert.match(events, /dev: written \(AWS version [0-9a-f-]+\)/);
    for (const canary of CANARIES) {
      assert.equal(await domContains(page, canary), false, 'not in the DOM');
      assert.ok(!events.includes(canary), 'not in the task log');
    }

    const aws = await storedInAws();
    assert.equal(aws[KEY_A], CANARY_A, 'the typed value is in AWS');
    assert.equal(aws[KEY_B], CANARY_B, 'the pasted value is in AWS');
    const secret = await materialisedSecret();
    assert.equal(
      secret[KEY_A],
      CANARY_A,
      'the operator wrote it to the Secret',
    );
    assert.equal(secret[KEY_B], CANARY_B);
  });

  it("refuses a component the guest does not own, with the write route's message", async () => {
    const formData = encodeURIComponent(
      JSON.stringify({ entityRef: `component:default/${NOT_OWNED}` }),
    );
    await page.goto(`${TEMPLATE_URL}?formData=${formData}`);
    await page.getByRole('combobox').first().waitFor({ timeout: 60_000 });
    await next(page);
    await next(page);
    await enterValues(page);
    await review(page);

    assert.equal(await createAndWait(page), 'failed');

    const refusal = `You are not allowed to secrets-sync.secret.write for component:default/${NOT_OWNED}`;
    const events = await taskEvents(taskIdOf(page));
    assert.ok(events.includes(refusal), 'the task log says why');
    const showLogs = page.getByRole('button', { name: /show logs/i });
    if (await showLogs.count()) {
      await showLogs.first().click();
    }
    await page.getByText(refusal).first().waitFor({ timeout: 30_000 });
    for (const canary of CANARIES) {
      assert.ok(!events.includes(canary));
      assert.equal(await domContains(page, canary), false);
    }
  });

  it('never received a canary value in a response', async () => {
    const { leaks, inspected } = await responses.leaks();
    assert.ok(inspected > 0);
    assert.deepEqual(leaks, []);
  });
});
