import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenants, seededModelId, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createCallChatbot, createChatChatbot } from '../helpers/widget-visitor.js';
import { CallClient } from '../server/voice/browser-gateway-client.js';
import { newCallSession, socketUrl } from '../server/voice/browser-gateway-setup.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';
import { requireBuiltWidget } from './widget-world.js';

// Screenshots for people to look at; set SCREENSHOT_DIR to keep them.
const SHOTS = process.env.SCREENSHOT_DIR;
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

const NO_KEY =
  'OpenAI is not configured on this server (OPENAI_API_KEY): callers will not be able to connect.';

describe('a switched-off company and the admins told about failing calls', () => {
  let t: TestApp;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;
  let chatBot: { id: string; publicId: string };
  let callBot: { id: string; publicId: string };

  beforeAll(async () => {
    requireBuiltWidget();
    // No provider key: calls to the OpenAI Realtime model fail for the server's configuration.
    t = await startDashboardApp();
    tenants = await createTenants(t, { callEnabled: true });
    chatBot = await createChatChatbot(tenants.as.adminA, { name: 'Alpha chat' });
    callBot = await createCallChatbot(
      tenants.as.adminA,
      'Alpha phone',
      await seededModelId(t.db, 'gpt-realtime'),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const setCompanyActive = async (isActive: boolean) => {
    const res = await tenants.as.master.patch(`/api/master/companies/${tenants.companyA.id}`, {
      isActive,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  async function shoot(open: (page: Page) => Promise<void>, name: string) {
    if (!SHOTS) return;
    for (const viewport of VIEWPORTS) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({
          viewport,
          colorScheme,
          reducedMotion: 'reduce',
        });
        const page = await signIn(context, t.url, tenants.users.adminA.email, TEST_PASSWORD);
        await open(page);
        await page.screenshot({ path: `${SHOTS}/${name}-${viewport.name}-${colorScheme}.png` });
        await context.close();
      }
    }
  }

  it('the demo page of a deactivated company shows the chat as unavailable', async () => {
    await setCompanyActive(false);
    try {
      const page = await browser.newPage();
      await page.goto(`${t.url}/demo/${chatBot.publicId}`);
      await page.getByText(/is switched off/).waitFor();
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByRole('heading', { name: 'Chat unavailable' }).waitFor();
      expect(await page.getByText('This chat is currently unavailable.').count()).toBe(1);
      expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-unavailable.png` });

      // A call chatbot of that company offers no call either.
      await page.goto(`${t.url}/demo/${callBot.publicId}`);
      const call = page.getByRole('button', { name: 'Voice calls temporarily unavailable' });
      await call.waitFor();
      expect(await call.isDisabled()).toBe(true);
      await page.close();
    } finally {
      await setCompanyActive(true);
    }
    const page = await browser.newPage();
    await page.goto(`${t.url}/demo/${chatBot.publicId}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.close();
  });

  it('the admin sees a notification after a call failed for lack of a key, and marks it read', async () => {
    const session = await newCallSession(t.client(), callBot.publicId);
    const caller = await CallClient.connect(socketUrl(session), session.outputSampleRate);
    await caller.waitFor('error');
    await caller.closed;

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signIn(context, t.url, tenants.users.adminA.email, TEST_PASSWORD);
    const bell = page.getByRole('button', { name: 'Notifications: 1 unread' });
    // The call's end is stored just after the socket closes; a reload picks the notification up.
    await expect
      .poll(
        async () => {
          if ((await bell.count()) > 0) return true;
          await page.reload();
          return bell.isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await bell.click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    await dialog.getByText('Calls to Alpha phone cannot connect').waitFor();
    expect(await dialog.getByText(NO_KEY).count()).toBe(1);

    await shoot(async (shot) => {
      await shot.getByRole('button', { name: 'Notifications: 1 unread' }).click();
      await shot.getByRole('dialog', { name: 'Notifications' }).getByText(NO_KEY).waitFor();
    }, 'notifications');

    await dialog.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Mark as read' }).count()).toBe(0);
    await context.close();
  });

  it('Call Options warns under the model and after saving that callers cannot connect', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signIn(context, t.url, tenants.users.adminA.email, TEST_PASSWORD);
    await page.goto(`${t.url}/chatbots/${callBot.id}`);
    await page.getByRole('tab', { name: 'Call Options' }).click();
    const hint = page.getByTestId('call-model-warning');
    await hint.waitFor();
    expect(await hint.textContent()).toContain(NO_KEY);

    await page.getByLabel('Greeting').fill('Alpha Dental, how can I help?');
    await page.getByRole('button', { name: 'Save call options' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Saved, but this server cannot' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(NO_KEY);

    await shoot(async (shot) => {
      await shot.goto(`${t.url}/chatbots/${callBot.id}`);
      await shot.getByRole('tab', { name: 'Call Options' }).click();
      await shot.getByTestId('call-model-warning').waitFor();
      await shot.getByLabel('Greeting').fill(`Alpha Dental ${Math.random()}`);
      await shot.getByRole('button', { name: 'Save call options' }).click();
      await shot.getByRole('alert').filter({ hasText: 'Saved, but this server cannot' }).waitFor();
    }, 'call-options-warning');
    await context.close();
  });
});
