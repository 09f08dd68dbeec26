import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, login, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

const HOURS =
  'Bright Teeth Clinic opening hours. We are open Monday to Friday from 7:30 to 16:30. ' +
  'On Saturday we open from 10:00 to 14:00. The clinic is closed on Sunday.';

/** Records every text the newest assistant bubble shows, to tell streaming from one paint. */
async function recordAnswerTexts(page: Page) {
  await page.evaluate(() => {
    const log = document.querySelector('[role="log"]');
    const seen: string[] = [];
    (window as unknown as { answerTexts: string[] }).answerTexts = seen;
    new MutationObserver(() => {
      const bubbles = log?.querySelectorAll('li > div:nth-child(2)');
      const text = bubbles?.[bubbles.length - 1]?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(log as Node, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { answerTexts: string[] }).answerTexts);
}

describe('Knowledge base, Test chat and Inbox in the dashboard', () => {
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

  it('an admin teaches the chatbot its hours, a visitor asks for a person and an agent replies', async () => {
    const company = await createCompany(t.db, { name: 'Bright Teeth' });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const agent = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'support_agent' }],
    });
    const created = await (await login(t, admin.email)).post<{ chatbot: { id: string } }>(
      '/api/company/chatbots',
      { name: 'Front Desk', chatbotType: 'chat' },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const chatbotId = created.body.chatbot.id;

    const adminPage = await signIn(await browser.newContext(), t.url, admin.email, TEST_PASSWORD);
    await adminPage.goto(`${t.url}/knowledge`);
    await adminPage.getByRole('button', { name: 'New category' }).first().click();
    await adminPage.getByRole('dialog').getByLabel('Name').fill('Practice');
    await adminPage.getByRole('button', { name: 'Create category' }).click();
    await adminPage.getByRole('button', { name: 'Add document' }).first().click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Opening hours');
    await dialog.getByLabel('Text', { exact: true }).fill(HOURS);
    await dialog.getByRole('button', { name: 'Add document' }).click();
    await dialog.getByText('Opening hours is ready').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = adminPage.getByRole('row', { name: /Opening hours/ });
    await expect.poll(() => row.textContent()).toMatch(/Ready\s*\d+ chunks?/);

    await adminPage.goto(`${t.url}/chatbots/${chatbotId}?tab=test`);
    const chatLog = adminPage.getByRole('log', { name: 'Test conversation' });
    const composer = adminPage.getByLabel('Message to the chatbot');
    await composer.waitFor();
    const answerTexts = await recordAnswerTexts(adminPage);
    await composer.fill('When are you open?');
    await composer.press('Enter');
    await expect.poll(() => chatLog.textContent(), { timeout: 15_000 }).toContain('10:00 to 14:00');
    const texts = await answerTexts();
    // Part of the answer was on screen before the rest arrived.
    expect(texts.some((text) => text.includes('Monday') && !text.includes('14:00'))).toBe(true);
    expect(texts.at(-1)).toContain('10:00 to 14:00');

    await composer.fill('I want to talk to a person');
    await composer.press('Enter');
    await expect
      .poll(() => adminPage.getByText('Waiting for a person').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);

    const agentPage = await signIn(await browser.newContext(), t.url, agent.email, TEST_PASSWORD);
    const inboxLink = agentPage.getByRole('navigation', { name: 'Main' }).getByRole('link', {
      name: /Inbox/,
    });
    await expect.poll(() => inboxLink.textContent()).toContain('1 waiting');
    await inboxLink.click();
    // The chatbots page the agent signed in to also links "Front Desk": pick the Inbox row.
    await agentPage
      .getByRole('tabpanel', { name: /^Waiting/ })
      .getByRole('link', { name: /Front Desk/ })
      .click();
    await agentPage.waitForURL(/\/inbox\/[0-9a-f-]{36}/);
    await agentPage.getByRole('button', { name: 'Take over' }).click();
    const reply = agentPage.getByLabel('Reply to the visitor');
    await reply.fill('Hello, this is the front desk. How can I help?');
    await reply.press('Enter');

    await expect
      .poll(() => chatLog.textContent(), { timeout: 15_000 })
      .toContain('Hello, this is the front desk. How can I help?');
    await expect
      .poll(() => adminPage.getByText(/answering/).textContent())
      .toMatch(/User .* answering/);
  });
});
