import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../helpers/fake-graph-api.js';
import { createTenants, seededModelId, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// An admin connects a WhatsApp Business number in the built dashboard, against the real
// server and the fake Graph API (META_GRAPH_BASE_URL), and registers what it shows with Meta.

describe('a WhatsApp Business account in the dashboard', () => {
  let graph: FakeGraphApi;
  let t: TestApp;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;

  beforeAll(async () => {
    graph = await startFakeGraphApi();
    t = await startDashboardApp({ META_GRAPH_BASE_URL: graph.url });
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
    await graph?.close();
  });

  it('adds the number, tests it with Meta and shows the callback URL and verify token to register', async () => {
    const number = graph.addNumber();
    const context = await browser.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await signIn(context, t.url, tenants.users.adminA.email, TEST_PASSWORD);
    await page.goto(`${t.url}/integration-accounts`);
    await page.getByRole('button', { name: 'Add account' }).click();
    const form = page.getByRole('dialog', { name: 'Add integration account' });
    await form.getByText('WhatsApp Business', { exact: true }).click();
    expect(await form.getByRole('radio', { name: 'WhatsApp Business' }).isChecked()).toBe(true);
    await form.getByLabel('Name').fill('WhatsApp line');
    await form.getByRole('combobox', { name: 'Chatbot' }).click();
    await page.getByRole('option', { name: 'Front Desk' }).click();
    await form.getByLabel('Access token').fill(number.accessToken);
    await form.getByLabel('App secret').fill(number.appSecret);
    await form.getByLabel('WhatsApp Business account ID').fill(number.businessAccountId);
    await form.getByLabel('Phone number ID').fill(number.phoneNumberId);
    await form.getByLabel('Phone number', { exact: true }).fill(number.phoneNumber);
    await form.getByRole('button', { name: 'Add account' }).click();

    const saved = page.getByRole('dialog', { name: 'WhatsApp line saved' });
    await saved.getByText('Calling enabled on the number').waitFor();
    const callbackUrl = await saved.getByRole('textbox', { name: 'Callback URL' }).inputValue();
    expect(callbackUrl).toBe(`${t.url}/api/webhooks/whatsapp/call`);
    const verifyToken = await saved.getByRole('textbox', { name: 'Verify token' }).inputValue();
    expect(verifyToken.length).toBeGreaterThanOrEqual(20);
    await saved.getByRole('button', { name: 'Copy verify token' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(verifyToken);
    expect(await saved.textContent()).not.toContain(number.accessToken);

    // What Meta does with them when the admin presses "Verify and save".
    const handshake = await fetch(
      `${callbackUrl}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': '2718' })}`,
    );
    expect(await handshake.text()).toBe('2718');

    await saved.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'WhatsApp line' });
    await row.getByText('Active').waitFor();
    await context.close();
  }, 90_000);
});
