import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/server/db/schema/index.js';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../fakes/openai-realtime-server.js';
import { createTenants, seededModelId, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { hangUp, newCallSession, startBrowserCall } from '../server/voice/browser-gateway-setup.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// A call placed over the real browser-call gateway (agent: the fake OpenAI Realtime server).

describe('the Calls page', () => {
  let t: TestApp;
  let fake: FakeOpenAIRealtime;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;

  beforeAll(async () => {
    fake = await startFakeOpenAIRealtime();
    t = await startDashboardApp({ OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: fake.url });
    tenants = await createTenants(t, { callEnabled: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const callRow = (page: Page, chatbotName: string) =>
    page.getByRole('row').filter({ hasText: chatbotName });

  it('lists a call made through the gateway, live and then with its outcome', async () => {
    const bot = await createCallChatbot(
      tenants.as.adminA,
      'Reception line',
      await seededModelId(t.db, 'gpt-realtime'),
    );

    const page = await signIn(
      await browser.newContext(),
      t.url,
      tenants.users.adminA.email,
      TEST_PASSWORD,
    );
    await page.goto(`${t.url}/calls`);
    await page.getByText('No calls yet').waitFor();

    const caller = await startBrowserCall(await newCallSession(t.client(), bot.publicId));
    await page.reload();
    const row = callRow(page, 'Reception line');
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      expect.any(String),
      'Reception line',
      'Web widget',
      'In progress',
      expect.any(String),
      '—',
    ]);

    await hangUp(caller);
    const storedCall = async () => {
      const [row] = await t.db
        .select({ status: calls.status, endReason: calls.endReason })
        .from(calls)
        .where(eq(calls.chatbotId, bot.id));
      return row;
    };
    await expect.poll(async () => (await storedCall())?.status).toBe('completed');
    const stored = await storedCall();
    await page.reload();
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('Completed');
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[4]).toMatch(/^\d+:\d{2}$|^\d+ ?s$/);
    expect(stored?.endReason).toBe('caller_ended');
    expect(cells[5]).toBe('Caller ended');
    expect(await page.getByRole('row').count()).toBe(2);
  });
});
