import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenants, seededModelId, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { seedCall } from '../server/calls/seed-calls.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// Seeded calls of the last days: the page's figures, charts and chatbot filter,
// the empty state of a company without calls, and screenshots on request.

const SHOTS = process.env.SCREENSHOT_DIR;
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
];
const SCHEMES = ['light', 'dark'] as const;
const HOUR_MS = 3_600_000;

describe('the Analytics page', () => {
  let t: TestApp;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;

  beforeAll(async () => {
    t = await startDashboardApp();
    tenants = await createTenants(t, { callEnabled: true });
    const frontDesk = await createCallChatbot(tenants.as.adminA, 'Front desk');
    const afterHours = await createCallChatbot(tenants.as.adminA, 'After hours');
    const realtime = await seededModelId(t.db, 'gpt-realtime');
    const ago = (hours: number) => new Date(Date.now() - hours * HOUR_MS);
    const companyId = tenants.companyA.id;
    for (const [hours, answered, rating] of [
      [3, true, 5],
      [27, true, 4],
      [50, false, 2],
    ] as const) {
      await seedCall(t.db, companyId, {
        chatbotId: frontDesk.id,
        modelId: realtime,
        startedAt: ago(hours),
        durationMs: 90_000,
        intent: answered ? 'Hours/location' : 'Billing/insurance',
        answered,
        rating,
        endReason: answered ? 'caller_hangup' : 'escalated',
        usage: { inputTokens: 50_000, outputTokens: 25_000, inputAudioMs: 60_000 },
      });
    }
    await seedCall(t.db, companyId, {
      chatbotId: afterHours.id,
      startedAt: ago(5),
      durationMs: 30_000,
      intent: 'Emergency',
      isUrgent: true,
      answered: true,
      endReason: 'caller_hangup',
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openAs = async (email: string, options = {}) => {
    const context = await browser.newContext({ timezoneId: 'UTC', ...options });
    const page = await signIn(context, t.url, email, TEST_PASSWORD);
    await page.goto(`${t.url}/analytics`);
    return page;
  };
  const figure = (page: Awaited<ReturnType<typeof openAs>>, label: string) =>
    page
      .locator('dl > div')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('dd')
      .first();

  it("shows the period's figures and charts, and narrows them to one chatbot", async () => {
    const page = await openAs(tenants.users.agentA.email);
    await page.getByRole('link', { name: 'Analytics' }).first().waitFor();
    await expect.poll(() => figure(page, 'Calls').textContent()).toBe('4');
    expect(await figure(page, 'Answered').textContent()).toBe('75%');
    expect(await figure(page, 'Escalations').textContent()).toBe('1');
    expect(await figure(page, 'Rating').textContent()).toBe('3.7 / 5');
    // gpt-realtime: 150k input and 75k output tokens at $32 / $64 per million.
    expect(await figure(page, 'Estimated cost').textContent()).toBe('$9.60');

    const outcomes = page.getByRole('region', { name: 'Outcomes' });
    expect(await outcomes.locator('figure').getAttribute('aria-label')).toBe(
      'Caller hangup: 3, Escalated: 1',
    );
    // Recharts drew bars: one per day with calls, in each stack.
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Calls per day' })
          .locator('path.recharts-rectangle')
          .count(),
      )
      .toBeGreaterThan(0);
    const byChatbot = page.getByRole('region', { name: 'By chatbot' });
    expect(await byChatbot.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Front desk.*Calls3.*Answered67%.*Escalated1/),
      expect.stringMatching(/^After hours.*Calls1.*Answered100%.*Escalated0/),
    ]);

    await page.getByRole('combobox', { name: 'Chatbot' }).click();
    await page.getByRole('option', { name: 'After hours' }).click();
    await expect.poll(() => figure(page, 'Calls').textContent()).toBe('1');
    expect(await figure(page, 'Estimated cost').textContent()).toBe('—');
    await page.context().close();
  }, 60_000);

  it('says so when the company had no calls in the period', async () => {
    const page = await openAs(tenants.users.adminB.email);
    await page.getByRole('heading', { name: 'No calls in this period' }).waitFor();
    await page.context().close();
  }, 30_000);

  it.skipIf(!SHOTS)(
    'screenshots',
    async () => {
      for (const viewport of VIEWPORTS) {
        for (const colorScheme of SCHEMES) {
          const page = await openAs(tenants.users.agentA.email, { viewport, colorScheme });
          await page.getByRole('region', { name: 'By chatbot' }).waitFor();
          await page.waitForTimeout(800);
          await page.screenshot({
            path: `${SHOTS}/analytics-${viewport.name}-${colorScheme}.png`,
            fullPage: true,
          });
          await page.context().close();
        }
      }
    },
    120_000,
  );
});
