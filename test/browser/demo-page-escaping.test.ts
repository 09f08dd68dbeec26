import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createChatChatbot } from '../helpers/widget-visitor.js';
import { launchChromium } from './browser.js';
import { requireBuiltWidget } from './widget-world.js';

// Every payload would leave a trace if it ran: a dialog, or a request for the bait.
const mark = (where: string) => `alert('${where}')`;
const COMPANY = `Evil & Co</title><script>${mark('company')}</script>`;
const BOT_NAME = `<img src=x onerror="${mark('name')}">`;
const TITLE = `<svg onload="${mark('title')}">`;
const WELCOME = `<script>${mark('welcome')}</script><img src=/bait-welcome onerror="${mark('img')}">`;
const SUGGESTION = `<b onmouseover="${mark('suggestion')}">Hours?</b>`;

describe('the demo page with hostile names and widget texts', () => {
  let t: TestApp;
  let browser: Browser;
  let demoUrl: string;

  beforeAll(async () => {
    requireBuiltWidget();
    t = await startTestApp();
    const company = await createCompany(t.db, { name: COMPANY });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const bot = await createChatChatbot(await login(t, admin.email), {
      name: BOT_NAME,
      settings: {
        widget: { title: TITLE, welcomeMessage: WELCOME, suggestedQuestions: [SUGGESTION] },
      },
    });
    demoUrl = `${t.url}/demo/${bot.publicId}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows them as text on its own origin and runs none of them', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));

    await page.goto(demoUrl);
    expect(await page.title()).toBe(`${COMPANY} — widget demo`);
    await page.getByRole('heading', { level: 1, name: `Welcome to ${COMPANY}` }).waitFor();
    expect(await page.getByRole('note').textContent()).toContain(
      `this is how ${BOT_NAME} appears on a website`,
    );

    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: TITLE });
    await panel.getByRole('heading', { name: TITLE }).waitFor();
    await panel.getByText(WELCOME, { exact: true }).waitFor();
    const suggestion = panel.getByRole('button', { name: SUGGESTION });
    await suggestion.hover();

    expect(dialogs).toEqual([]);
    expect(requests.filter((path) => path.startsWith('/bait'))).toEqual([]);
    // The widget did load and talk to the API, so the absence above means something.
    expect(requests).toContain('/widget.js');
    expect(requests.some((path) => path.startsWith('/api/widget/'))).toBe(true);
    await page.close();
  });
});
