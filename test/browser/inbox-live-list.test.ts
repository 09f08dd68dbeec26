import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, login, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createChatChatbot, WidgetVisitor } from '../helpers/widget-visitor.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

describe('the Inbox list while conversations arrive live', () => {
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

  it('keeps the row under the pointer in place, so the click opens that conversation', async () => {
    const company = await createCompany(t.db);
    const admin = await login(
      t,
      (await createUser(t.db, { memberships: [{ companyId: company.id, role: 'company_admin' }] }))
        .email,
    );
    const agent = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'support_agent' }],
    });
    const askForPerson = async (chatbotName: string) => {
      const bot = await createChatChatbot(admin, { name: chatbotName });
      const visitor = await WidgetVisitor.start(t.url, bot.publicId);
      expect((await visitor.send('I want to talk to a person')).status).toBe(202);
      // The bot's handover notice is the conversation's last change.
      await expect
        .poll(async () => (await visitor.history()).body.messages.map((m) => m.role))
        .toEqual(['user', 'assistant']);
      return visitor.conversationId;
    };
    const first = await askForPerson('Alpha desk');

    const page = await signIn(await browser.newContext(), t.url, agent.email, TEST_PASSWORD);
    await page.goto(`${t.url}/inbox`);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const row = page.getByRole('link', { name: /Alpha desk/ });
    await row.waitFor();
    const box = await row.boundingBox();
    if (!box) throw new Error('the row is not on screen');
    const element = await row.elementHandle();
    const pointer = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(pointer.x, pointer.y);

    // A newer conversation arrives while the agent is about to click.
    await askForPerson('Beta desk');
    const newer = page.getByRole('link', { name: /Beta desk/ });
    await newer.waitFor();

    expect(await row.boundingBox()).toEqual(box);
    expect(await element?.evaluate((node) => node.isConnected)).toBe(true);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForURL(new RegExp(`/inbox/${first}`));

    // Once the pointer leaves, the list shows the newest first again.
    await page.mouse.move(pointer.x + 2000, pointer.y);
    await expect
      .poll(() => page.getByRole('link', { name: /desk/ }).first().textContent())
      .toContain('Beta desk');
  });
});
