import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilioRest, newAuthToken, startFakeTwilio } from '../fakes/twilio-rest.js';
import { createTenants, seededModelId, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { addFakeTwilioAccount, nationalForm, phoneNumberOf } from '../helpers/twilio-accounts.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// The admin's whole Twilio set-up in the built dashboard, against the real server and the
// fake Twilio REST API (TWILIO_API_BASE_URL).

const STEP_LABELS = [
  'Connected to Twilio',
  'Account SID verified',
  'Auth token validated',
  'Phone number found',
  'Voice URL points at Buzzi',
];

/** Each step of the open test dialog, as "label: status" the way a screen reader reads it. */
async function stepsShown(page: Page): Promise<string[]> {
  const steps = page.getByRole('list', { name: 'Connection test steps' }).getByRole('listitem');
  await steps.first().waitFor();
  return steps.evaluateAll((items) =>
    items.map((item) => item.querySelector('p')?.textContent ?? ''),
  );
}

/** "+15551234567" → "+1 555 123 4567", as the list shows a US number. */
const shownNumber = (e164: string) => `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;

/** The steps as `stepsShown` reads them, with these statuses in order. */
const stepsWith = (...statuses: string[]) =>
  STEP_LABELS.map((label, i) => `${label}: ${statuses[i]}`);

describe('integration accounts in the dashboard', () => {
  let twilio: FakeTwilioRest;
  let t: TestApp;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    t = await startDashboardApp({ TWILIO_API_BASE_URL: twilio.url });
    tenants = await createTenants(t, { callEnabled: true });
    await createCallChatbot(
      tenants.as.adminA,
      'Front Desk',
      await seededModelId(t.db, 'gpt-realtime'),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await twilio?.close();
  });

  const accountRow = (page: Page) => page.getByRole('row').filter({ hasText: 'Main line' });
  const statusOf = (row: Locator) => row.getByRole('cell').nth(1);

  it('an admin adds a Twilio account, tests it, copies the voice URL and is alerted when the token stops working', async () => {
    const voiceUrl = `${t.url}/api/webhooks/twilio/voice`;
    const fakeAccount = addFakeTwilioAccount(twilio, voiceUrl);
    const phoneNumber = phoneNumberOf(fakeAccount);
    const context = await browser.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await signIn(context, t.url, tenants.users.adminA.email, TEST_PASSWORD);

    await page.goto(`${t.url}/integration-accounts`);
    await page.getByText('No integration accounts yet').waitFor();
    await page.getByRole('button', { name: 'Add account' }).click();
    const form = page.getByRole('dialog', { name: 'Add integration account' });
    expect(await form.getByRole('radio', { name: 'Twilio' }).isChecked()).toBe(true);
    await form.getByLabel('Name').fill('Main line');
    await form.getByRole('combobox', { name: 'Chatbot' }).click();
    await page.getByRole('option', { name: 'Front Desk' }).click();
    await form.getByLabel('Account SID').fill(fakeAccount.sid);
    await form.getByLabel('Auth Token').fill(fakeAccount.authToken);
    await form.getByLabel('Phone number').fill(nationalForm(phoneNumber));

    // The unsaved values, tested step by step.
    await form.getByRole('button', { name: 'Test connection' }).click();
    const testDialog = page.getByRole('dialog', { name: 'Connection test' });
    await testDialog.getByText('The connection works').waitFor();
    expect(await stepsShown(page)).toEqual(
      stepsWith('passed', 'passed', 'passed', 'passed', 'passed'),
    );
    await testDialog.getByRole('button', { name: 'Close' }).last().click();

    // Saved: tested again, then the webhook URLs to paste into the Twilio console.
    await form.getByRole('button', { name: 'Add account' }).click();
    const saved = page.getByRole('dialog', { name: 'Main line saved' });
    await saved.getByText('The connection works').waitFor();
    expect(await saved.getByRole('textbox', { name: 'Voice URL' }).inputValue()).toBe(voiceUrl);
    await saved.getByRole('button', { name: 'Copy voice URL' }).click();
    await saved.getByRole('button', { name: 'Copy voice URL' }).getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(voiceUrl);
    await saved.getByRole('button', { name: 'Done' }).click();

    const row = accountRow(page);
    await expect.poll(() => statusOf(row).textContent()).toBe('Active');
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[2]).toBe(`${shownNumber(phoneNumber)}Twilio`);
    expect(cells[3]).toBe('Front Desk');

    // Someone rotates the token in Twilio: the next test fails at the token and says so.
    fakeAccount.authToken = newAuthToken();
    await page.getByRole('button', { name: 'Test connection of Main line' }).click();
    await testDialog.getByText('The connection test failed').waitFor();
    expect(await stepsShown(page)).toEqual(
      stepsWith('passed', 'passed', 'failed', 'skipped', 'skipped'),
    );
    await testDialog.getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => statusOf(row).textContent()).toMatch(/^Inactive/);

    // Every page now carries the alert; Fix Integration opens the account's form.
    await page.goto(`${t.url}/chatbots`);
    const alert = page.getByRole('alert').filter({ hasText: 'Integration Account Error' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /Main line: Twilio refused this Account SID with this auth token .*\. Calls through this integration are currently unavailable\./,
    );
    await alert.getByRole('button', { name: 'Fix Integration' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/integration-accounts' && url.searchParams.has('edit'),
    );
    const edit = page.getByRole('dialog', { name: 'Edit Main line' });
    await edit.getByText('leave empty to keep the saved token').waitFor();

    // The new token fixes it, and the alert goes away.
    await edit.getByLabel('Auth Token').fill(fakeAccount.authToken);
    await edit.getByRole('button', { name: 'Save account' }).click();
    await page
      .getByRole('dialog', { name: 'Main line saved' })
      .getByText('The connection works')
      .waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => statusOf(row).textContent()).toBe('Active');
    expect(await page.getByText('Integration Account Error').count()).toBe(0);
    await context.close();
  });
});
