import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// An admin adds an endpoint on the Webhooks page, copies its secret (shown
// once), sends a test event to a real local receiver that checks the
// signature, and finds the delivery in the log.

const SHOTS = process.env.SCREENSHOT_DIR;
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
];
const SCHEMES = ['light', 'dark'] as const;

describe('Webhooks page', () => {
  let t: TestApp;
  let browser: Browser;
  let receiver: WebhookReceiver;
  let tenants: Awaited<ReturnType<typeof createTenants>>;

  beforeAll(async () => {
    t = await startDashboardApp({
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_INTERVALS_MS: '100',
      WEBHOOK_DISABLE_AFTER_FAILURES: '2',
      WEBHOOK_POLL_MS: '50',
    });
    tenants = await createTenants(t, { callEnabled: true });
    receiver = await WebhookReceiver.start();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await t?.close();
  });

  const openAs = async (email: string, path: string, options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ timezoneId: 'UTC', ...options });
    const page = await signIn(context, t.url, email, TEST_PASSWORD);
    await page.goto(`${t.url}${path}`);
    return page;
  };
  const card = (page: Page, url: string) => page.getByRole('region', { name: url });

  it('adds an endpoint, shows its secret once, sends a test event and logs the delivery', async () => {
    const page = await openAs(tenants.users.adminA.email, '/chatbots');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    await page.getByRole('heading', { name: 'No endpoints yet' }).waitFor();

    await page.getByRole('button', { name: 'Add endpoint' }).first().click();
    const form = page.getByRole('dialog', { name: 'Add endpoint' });
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByLabel('Description').fill('Front desk CRM');
    await form.getByRole('checkbox', { name: /Ticket created/ }).check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
    const secret = (await secretDialog.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    receiver.secret = secret;
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    await secretDialog.waitFor({ state: 'detached' });

    const endpoint = card(page, receiver.url);
    await endpoint.getByText('Active').waitFor();
    // Once closed, only the hint: the secret itself is nowhere on the page.
    await endpoint.getByText(`whsec_…${secret.slice(-4)}`).waitFor();
    expect(await page.content()).not.toContain(secret);
    const events = (await endpoint.getByRole('list', { name: 'Events' }).textContent()) ?? '';
    expect(events).toContain('Call ended');
    expect(events).toContain('Ticket created');

    await endpoint.getByRole('button', { name: 'Send test event' }).click();
    const logged = endpoint.getByTestId('webhook-delivery').first();
    await logged.waitFor();
    const line = (await logged.textContent()) ?? '';
    expect(line).toContain('webhook.test');
    expect(line).toContain('Delivered');
    expect(line).toContain('HTTP 204');
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.signatureValid).toBe(true);
    expect(receiver.received[0]?.json.type).toBe('webhook.test');

    // A failing receiver: the test result says so, and the log shows the answer.
    receiver.status = () => 500;
    await endpoint.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('Test event failed').first().waitFor();
    await endpoint.getByText('receiver says no (500)').waitFor();
    receiver.status = () => 204;
    await page.context().close();
  });

  it('a disabled endpoint shows a banner on every page, and is re-enabled from its card', async () => {
    const failing = await WebhookReceiver.start();
    failing.status = () => 503;
    try {
      const admin = tenants.as.adminA;
      await admin.post('/api/company/webhooks', { url: failing.url, events: ['ticket.created'] });
      // One event, tried twice (one retry interval): two failures in a row disable it.
      await admin.post('/api/company/tickets', { message: 'Please call Mrs Doe back' });
      await failing.waitFor(() => failing.received.length >= 2);
      // The endpoint is disabled just after the second answer.
      for (let tries = 0; tries < 100; tries++) {
        const list = await admin.get<{ webhooks: Array<{ url: string; isActive: boolean }> }>(
          '/api/company/webhooks',
        );
        if (list.body.webhooks.some((w) => w.url === failing.url && !w.isActive)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const page = await openAs(tenants.users.adminA.email, '/chatbots');
      const banner = page.getByRole('alert').filter({ hasText: 'Webhook disabled' });
      await banner.getByText(`${new URL(failing.url).host}: events are no longer sent`).waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/webhook-disabled-banner.png` });
      await banner.getByRole('button', { name: 'Review webhooks' }).click();
      await page.waitForURL(/\/webhooks$/);
      const endpoint = card(page, failing.url);
      await endpoint.getByText('Disabled', { exact: true }).waitFor();
      await endpoint.getByText(/2 failed deliveries in a row \(last: HTTP 503\)/).waitFor();
      // The page's own alert replaces the banner.
      expect(await banner.count()).toBe(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/webhook-disabled-card.png` });

      failing.status = () => 204;
      await endpoint.getByRole('button', { name: 'Re-enable' }).click();
      await endpoint.getByText('Active', { exact: true }).waitFor();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Disabled after' })
        .waitFor({ state: 'detached' });
      await page.context().close();
    } finally {
      await failing.close();
    }
  });

  it('support agents see no Webhooks entry', async () => {
    const page = await openAs(tenants.users.agentA.email, '/chatbots');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Inbox' })
      .waitFor();
    const links = await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link')
      .allInnerTexts();
    expect(links.join(' ')).not.toContain('Webhooks');
    await page.context().close();
  });

  it.skipIf(!SHOTS)('screenshots', async () => {
    for (const viewport of VIEWPORTS) {
      for (const colorScheme of SCHEMES) {
        const options = { viewport, colorScheme };
        const page = await openAs(tenants.users.adminA.email, '/webhooks', options);
        const endpoint = card(page, receiver.url);
        await endpoint.getByRole('button', { name: 'Delivery log' }).click();
        await endpoint.getByTestId('webhook-delivery').first().waitFor();
        await page.screenshot({
          path: `${SHOTS}/webhooks-${viewport.name}-${colorScheme}.png`,
          fullPage: true,
        });
        await page.getByRole('button', { name: 'Add endpoint' }).first().click();
        await page.getByRole('dialog', { name: 'Add endpoint' }).waitFor();
        await page.screenshot({
          path: `${SHOTS}/webhook-dialog-${viewport.name}-${colorScheme}.png`,
        });
        await page.context().close();
      }
    }
  });
});
