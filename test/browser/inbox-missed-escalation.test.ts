import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationService } from '../../src/server/conversations/conversation-service.js';
import { EscalationService } from '../../src/server/conversations/escalation-service.js';
import { createCompany, createUser, login, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// A voice caller who asked for a person and hung up before anyone joined: the
// Inbox stops showing them as waiting, live, and keeps the missed escalation
// (with whether a message was left) among the closed conversations.

const SHOTS = process.env.SCREENSHOT_DIR;

describe('a missed voice escalation in the Inbox', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startDashboardApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('leaves the waiting list when the caller hangs up and reads as missed among the closed', async () => {
    const company = await createCompany(t.db, { callEnabled: true });
    const admin = await login(
      t,
      (await createUser(t.db, { memberships: [{ companyId: company.id, role: 'company_admin' }] }))
        .email,
    );
    const agent = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'support_agent' }],
    });
    const bot = await createCallChatbot(admin, 'Phone desk');
    const conversations = new ConversationService({ db: t.db, bus: t.bus });
    const escalations = new EscalationService(conversations);
    const conversation = await conversations.create({
      companyId: company.id,
      chatbotId: bot.id,
      channel: 'voice_call',
      metadata: {},
    });
    const target = { companyId: company.id, conversationId: conversation.id };
    await escalations.escalateConversation({ ...target, reason: 'The caller asked for a person' });

    const page = await signIn(await browser.newContext(), t.url, agent.email, TEST_PASSWORD);
    await page.goto(`${t.url}/inbox?status=waiting_human`);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const row = page.getByRole('link', { name: /Phone desk/ });
    await row.waitFor();

    expect(await escalations.closeMissed(target, { messageTaken: false })).toEqual({
      closed: true,
    });
    await row.waitFor({ state: 'detached' });

    await page.goto(`${t.url}/inbox?status=closed`);
    const closed = page.getByRole('link', { name: /Phone desk/ });
    await expect.poll(() => closed.textContent()).toMatch(/Missed escalation: the caller hung up/);
    await closed.click();
    await page
      .getByRole('region', { name: /Conversation messages/ })
      .or(page.getByLabel('Conversation messages'))
      .getByText(/left no message/)
      .waitFor();

    if (SHOTS) {
      for (const [width, height] of [
        [1280, 800],
        [390, 844],
      ] as const) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.setViewportSize({ width, height });
          await page.emulateMedia({ colorScheme });
          await page.waitForTimeout(200);
          await page.screenshot({ path: `${SHOTS}/missed-escalation-${width}-${colorScheme}.png` });
        }
      }
    }
  });
});
