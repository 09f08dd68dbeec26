import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/server/db/schema/index.js';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// An admin builds two routing rules on the Call routing page, tests a phone
// call (the first rule matches), moves the second rule up and tests again
// (now it matches); a support agent sees the rules read-only; the Calls page
// says which rule routed a call and filters by it.

const SHOTS = process.env.SCREENSHOT_DIR;

describe('Call routing page', () => {
  let t: TestApp;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;

  beforeAll(async () => {
    t = await startDashboardApp();
    tenants = await createTenants(t, { callEnabled: true });
    await createCallChatbot(tenants.as.adminA, 'Front desk');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openAs = async (
    email: string,
    path: string,
    colorScheme: 'light' | 'dark' = 'light',
    viewport = { width: 1280, height: 900 },
  ) => {
    const context = await browser.newContext({ timezoneId: 'UTC', colorScheme, viewport });
    const page = await signIn(context, t.url, email, TEST_PASSWORD);
    await page.goto(`${t.url}${path}`);
    return page;
  };

  async function addRule(
    page: Page,
    name: string,
    then: string,
    source?: string,
    beforeSaving?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
  ) {
    await page.getByRole('button', { name: 'Add rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a routing rule' });
    await dialog.getByLabel('Name').fill(name);
    if (source) await dialog.getByRole('checkbox', { name: source }).check();
    await dialog.getByRole('combobox', { name: 'Then' }).click();
    await page.getByRole('option', { name: then }).click();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/call-routing-dialog-${name}.png` });
    await beforeSaving?.(dialog);
    await dialog.getByRole('button', { name: 'Save rule' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  const ruleNames = async (page: Page) =>
    (
      await page
        .getByRole('list', { name: 'Routing rules' })
        .getByRole('listitem')
        .allTextContents()
    ).map((text) => text.replace(/^\d+/, ''));

  async function testCall(page: Page): Promise<string> {
    await page.getByRole('button', { name: 'Test call' }).click();
    const outcome = page.getByTestId('preview-outcome');
    await outcome.waitFor();
    return (await outcome.textContent()) ?? '';
  }

  it('builds two rules, reorders them, and "Test a call" follows the order', async () => {
    const page = await openAs(tenants.users.adminA.email, '/chatbots');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Call routing' })
      .click();
    await page.getByRole('heading', { name: 'No rules yet' }).waitFor();

    await addRule(page, 'Phone messages', 'Take a message only', 'Phone');
    // Tested before it is saved: a web call skips the phone rule and reaches the draft.
    await addRule(page, 'Everyone urgent', 'Mark urgent and notify', undefined, async (dialog) => {
      await dialog.getByText('Test before saving').click();
      await dialog.getByRole('combobox', { name: 'Source' }).click();
      await page.getByRole('option', { name: 'Web' }).click();
      await dialog.getByRole('button', { name: 'Test call' }).click();
      await dialog.getByTestId('preview-outcome').waitFor();
      expect(await dialog.getByTestId('preview-outcome').textContent()).toContain(
        'Everyone urgent: Mark urgent and notify the team',
      );
      const saved = await tenants.as.adminA.get<{ rules: unknown[] }>('/api/company/routing-rules');
      expect(saved.body.rules).toHaveLength(1);
    });
    await expect
      .poll(() => ruleNames(page))
      .toEqual([
        expect.stringContaining('Phone messages'),
        expect.stringContaining('Everyone urgent'),
      ]);

    expect(await testCall(page)).toContain('Phone messages: Take a message only');
    await page
      .getByText('Rule 1 "Phone messages": matched, the source phone is one of phone')
      .waitFor();

    await page.getByRole('button', { name: 'Move Everyone urgent up' }).click();
    await expect
      .poll(() => ruleNames(page))
      .toEqual([
        expect.stringContaining('Everyone urgent'),
        expect.stringContaining('Phone messages'),
      ]);
    await expect
      .poll(
        async () =>
          await page.getByRole('button', { name: 'Move Everyone urgent up' }).isDisabled(),
      )
      .toBe(true);
    expect(await testCall(page)).toContain('Everyone urgent: Mark urgent and notify the team');

    // The order is the server's: a reload keeps it.
    await page.reload();
    await expect
      .poll(() => ruleNames(page))
      .toEqual([
        expect.stringContaining('Everyone urgent'),
        expect.stringContaining('Phone messages'),
      ]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/call-routing-desktop.png`, fullPage: true });
    await page.context().close();
  }, 60_000);

  it("adds a rule that waits for the caller's intent and tests a call where the caller says it", async () => {
    const page = await openAs(tenants.users.adminA.email, '/call-routing');
    await addRule(page, 'Emergencies', 'Transfer to a number', undefined, async (dialog) => {
      await dialog.getByLabel('Transfer to').fill('+1 555 000 9111');
      await dialog.getByRole('combobox', { name: "Caller's intent" }).click();
      await page.getByRole('option', { name: 'Emergency' }).click();
      // Once the intent is heard the call is answered: no chatbot can be picked any more.
      await dialog.getByRole('combobox', { name: 'Then' }).click();
      expect(await page.getByRole('option', { name: 'Answer with a chatbot' }).count()).toBe(0);
      await page.getByRole('option', { name: 'Transfer to a number' }).click();
    });
    await page.getByText('Intent “Emergency”').waitFor();

    await page.getByRole('combobox', { name: 'Caller then says' }).click();
    await page.getByRole('option', { name: 'Emergency' }).click();
    // The call starts as before; the emergency rule acts once the caller says it.
    expect(await testCall(page)).toContain('Everyone urgent');
    const during = page.getByTestId('preview-during-call');
    await expect.poll(() => during.textContent()).toContain('Emergencies: Transfer to');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/call-routing-intent.png`, fullPage: true });
    await page.context().close();
  }, 60_000);

  it('answers with one agent of a multi-agent chatbot', async () => {
    const bot = await createCallChatbot(tenants.as.adminA, 'Specialists');
    const agents = await tenants.as.adminA.patch(`/api/company/chatbots/${bot.id}`, {
      agentsList: [
        { id: 'reception', name: 'Reception', isDefault: true },
        { id: 'billing', name: 'Billing' },
      ],
    });
    expect(agents.status, JSON.stringify(agents.body)).toBe(200);
    const page = await openAs(tenants.users.adminA.email, '/call-routing');
    await addRule(page, 'Billing line', 'Answer with a chatbot', undefined, async (dialog) => {
      await dialog.getByRole('combobox', { name: 'Chatbot that answers' }).click();
      await page.getByRole('option', { name: 'Specialists' }).click();
      await dialog.getByRole('combobox', { name: 'Agent' }).click();
      await page.getByRole('option', { name: 'Billing' }).click();
    });
    await page.getByText('Answer with Specialists (Billing)').waitFor();
    await page.context().close();
  }, 60_000);

  it('shows support agents the rules read-only, with "Test a call"', async () => {
    const page = await openAs(tenants.users.agentA.email, '/call-routing', 'dark', {
      width: 390,
      height: 844,
    });
    await page.getByText('Only company admins can change call routing.').waitFor();
    await page.getByRole('list', { name: 'Routing rules' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add rule' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Move / }).count()).toBe(0);
    expect(await testCall(page)).toContain('Everyone urgent');
    if (SHOTS)
      await page.screenshot({
        path: `${SHOTS}/call-routing-agent-mobile-dark.png`,
        fullPage: true,
      });
    await page.context().close();
  }, 60_000);

  it('on the Calls page, says which rule routed a call and filters by it', async () => {
    const rules = await tenants.as.adminA.get<{ rules: Array<{ id: string; name: string }> }>(
      '/api/company/routing-rules',
    );
    const rule = rules.body.rules.find((r) => r.name === 'Phone messages');
    if (!rule) throw new Error('rule missing');
    const [routed] = await t.db
      .insert(calls)
      .values({
        companyId: tenants.companyA.id,
        source: 'twilio',
        status: 'completed',
        callerId: '+15557654321',
        summary: 'Routed call',
        routingRuleId: rule.id,
        routingRuleName: rule.name,
      })
      .returning({ id: calls.id });
    await t.db.insert(calls).values({
      companyId: tenants.companyA.id,
      source: 'web',
      status: 'completed',
      summary: 'Unrouted call',
    });
    const page = await openAs(tenants.users.adminA.email, '/calls', 'dark');
    await page.getByText('Unrouted call').waitFor();
    await page.getByRole('combobox', { name: 'Routing rule' }).click();
    await page.getByRole('option', { name: 'Routed by Phone messages' }).click();
    await expect.poll(() => page.getByText('Unrouted call').count()).toBe(0);
    await page.getByText('Routed call').waitFor();
    expect(page.url()).toContain(`rule=${rule.id}`);

    await page.goto(`${t.url}/calls?call=${routed?.id}`);
    const details = page.getByRole('dialog');
    await details.getByText('Routed by').waitFor();
    await details.getByText('Phone messages').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/calls-routed-by-dark.png` });
    await page.context().close();
  }, 60_000);
});
