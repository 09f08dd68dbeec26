import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/server/db/schema/index.js';
import type { ApiClient } from '../helpers/api-client.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium } from './browser.js';
import {
  hasFocus,
  microphoneWav,
  recordBotReply,
  requireBuiltWidget,
  startWidgetWorld,
} from './widget-world.js';

describe('the widget on the demo page of a call chatbot', () => {
  let t: TestApp;
  let demoUrl: string;
  let companyId: string;
  let agent: ApiClient;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    requireBuiltWidget();
    const world = await startWidgetWorld();
    ({ t, demoUrl } = world);
    companyId = world.tenants.companyA.id;
    agent = world.tenants.as.agentA;
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphoneWav('What are your business hours?')}`,
    ]);
    context = await browser.newContext({ permissions: ['microphone'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('answers a chat question with a streamed reply, then a team member takes over', async () => {
    const page = await context.newPage();
    await page.goto(demoUrl);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    const conversation = page.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => conversation.textContent()).toContain('Hi! How can I help you today?');
    expect(await page.getByText(/AI assistant is offline/).count()).toBe(1);
    const message = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => hasFocus(message)).toBe(true);

    const replyTexts = await recordBotReply(page);
    await message.fill('When are you open on Saturday?');
    await message.press('Enter');
    await expect
      .poll(() => conversation.textContent(), { timeout: 15_000 })
      .toContain('9 am to 1 pm');
    // The reply grew on screen: part of it showed before the rest arrived.
    const texts = await replyTexts();
    expect(texts.length, JSON.stringify(texts)).toBeGreaterThan(1);
    expect(texts.at(-1)).toContain('9 am to 1 pm');
    for (const [i, text] of texts.slice(1).entries()) {
      expect(text.startsWith(texts[i] ?? ''), JSON.stringify(texts)).toBe(true);
    }
    expect(await message.inputValue()).toBe('');

    const inbox = await agent.get<{ conversations: Array<{ id: string }> }>(
      '/api/company/inbox/conversations?status=bot',
    );
    const conversationId = inbox.body.conversations[0]?.id;
    expect(conversationId).toBeDefined();
    const base = `/api/company/inbox/conversations/${conversationId}`;
    expect((await agent.post(`${base}/take`)).status).toBe(200);
    const sent = await agent.post(`${base}/messages`, {
      content: 'Hi, this is Dana from the desk.',
    });
    expect(sent.status).toBe(201);
    await expect
      .poll(() => conversation.textContent())
      .toMatch(/joined the conversation[\s\S]*Hi, this is Dana from the desk\./);
    await page.close();
  });

  it('carries a voice call: live transcript, hang up, transcript download and a rating', async () => {
    const page = await context.newPage();
    await page.goto(demoUrl);
    await page.getByRole('button', { name: 'Call us' }).click();
    await page.getByRole('heading', { name: 'Start Voice Call' }).waitFor();
    await page.getByRole('button', { name: 'Start Call' }).click();

    await page.getByRole('heading', { name: 'Call in Progress' }).waitFor({ timeout: 20_000 });
    const transcript = page.getByRole('log', { name: 'Live transcript' });
    await expect
      .poll(() => transcript.textContent(), { timeout: 60_000 })
      .toMatch(/You\s*what are your business hours/i);
    await expect
      .poll(() => transcript.textContent(), { timeout: 60_000 })
      .toContain('Monday to Friday from 8 am to 6 pm');

    await page.getByRole('button', { name: 'End Call' }).click();
    await page.getByRole('heading', { name: 'Thank you for calling!' }).waitFor();
    expect(await page.getByText(/Call duration/).textContent()).toMatch(/\d+:\d\d/);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download Transcript' }).click();
    const file = await (await download).path();
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/what are your business hours/i);
    expect(text).toContain('Monday to Friday from 8 am to 6 pm');

    await page.getByRole('radio', { name: '3 stars' }).check();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '4 stars' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Send rating' }).click();
    await expect
      .poll(async () => {
        const rows = await t.db
          .select({ rating: calls.rating })
          .from(calls)
          .where(eq(calls.companyId, companyId));
        return rows.map((row) => row.rating);
      })
      .toEqual([4]);
    expect(await page.getByRole('status').filter({ hasText: 'Thanks' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Start Chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.close();
  }, 120_000);

  it('explains how to allow the microphone when the visitor refuses it', async () => {
    const refusing = await browser.newContext();
    const page = await refusing.newPage();
    await page.goto(demoUrl);
    await page.getByRole('button', { name: 'Call us' }).click();
    await page.getByRole('button', { name: 'Start Call' }).click();
    await page.getByRole('heading', { name: 'Microphone Access Required' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try Again' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Use Chat Instead' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await refusing.close();
  });
});
