import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callTranscripts } from '../../src/server/db/schema/index.js';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import { createLocalCallBot } from '../helpers/local-call-bot.js';
import { decodeOggOpus, rmsBetween, rmsWindows } from '../helpers/recording-audio.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';
import { microphoneWav, requireBuiltWidget } from './widget-world.js';

// End to end with nothing fake: a visitor calls a recording chatbot from the
// widget (Chromium's fake microphone asks a question, the local engine
// answers), the widget says the call is recorded, and staff play the
// recording from the call details.

const SHOTS = process.env.SCREENSHOT_DIR;

describe('a recorded call placed from the widget', () => {
  let t: TestApp;
  let browser: Browser;
  let dataDir: string;
  let tenants: Awaited<ReturnType<typeof createTenants>>;
  let demoUrl: string;

  beforeAll(async () => {
    requireBuiltWidget();
    dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-widget-recording-'));
    t = await startDashboardApp({ BUZZI_DATA_DIR: dataDir });
    tenants = await createTenants(t, { callEnabled: true });
    const bot = await createLocalCallBot(t, tenants.as.adminA, {
      call: { greeting: 'Hello, Alpha Dental.', recording: true },
    });
    demoUrl = `${t.url}/demo/${bot.publicId}`;
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphoneWav('What are your business hours?', 15_000)}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tells the caller, records both sides and plays in the call details', async () => {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    await page.goto(demoUrl);
    await page.getByRole('button', { name: 'Call us' }).click();
    await page.getByRole('heading', { name: 'Start Voice Call' }).waitFor();
    expect(await page.getByText('This call is recorded.').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-before-recorded-call.png` });
    await page.getByRole('button', { name: 'Start Call' }).click();
    await page.getByRole('heading', { name: 'Call in Progress' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('This call is recorded', { exact: true }).count()).toBe(1);
    const transcript = page.getByRole('log', { name: 'Live transcript' });
    await expect
      .poll(() => transcript.textContent(), { timeout: 60_000 })
      .toContain('Monday to Friday from 8 am to 6 pm');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-recorded-call.png` });
    // The answer plays to its end before the caller hangs up.
    await page.getByText('Agent speaking…').waitFor();
    await page.getByText('Agent speaking…').waitFor({ state: 'hidden', timeout: 20_000 });
    await page.getByRole('button', { name: 'End Call' }).click();
    await page.getByRole('heading', { name: 'Thank you for calling!' }).waitFor();
    await context.close();

    let row: typeof calls.$inferSelect | undefined;
    await expect
      .poll(async () => {
        [row] = await t.db.select().from(calls).where(eq(calls.companyId, tenants.companyA.id));
        return row?.recordingPath ?? null;
      })
      .not.toBeNull();
    const recording = await decodeOggOpus(
      await readFile(path.join(dataDir, 'recordings', row?.recordingPath ?? '')),
    );
    const lines = await t.db
      .select()
      .from(callTranscripts)
      .where(eq(callTranscripts.callId, row?.id ?? ''))
      .orderBy(callTranscripts.seq);
    const answer = lines.find((line) => line.text.includes('Monday to Friday'));
    if (!answer) throw new Error('no stored answer');
    const { left, right, sampleRate } = recording;
    const loud = (levels: number[]) => levels.filter((level) => level > 0.02).length;
    // About a second of the caller's question on the left...
    expect(loud(rmsWindows(left, sampleRate, 100))).toBeGreaterThan(8);
    // ...and the answer on the right, just where the transcript says the caller heard it.
    expect(rmsBetween(right, sampleRate, answer.startMs + 200, answer.endMs - 200)).toBeGreaterThan(
      0.05,
    );
    expect(rmsBetween(right, sampleRate, answer.endMs + 300, answer.endMs + 1000)).toBeLessThan(
      0.01,
    );
    expect(rmsBetween(left, sampleRate, answer.startMs, answer.endMs)).toBeLessThan(0.01);

    const staff = await browser.newContext({ timezoneId: 'UTC' });
    const details = await signIn(staff, t.url, tenants.users.agentA.email, TEST_PASSWORD);
    await details.goto(`${t.url}/calls?call=${row?.id}`);
    const slider = details.getByRole('slider', { name: 'Seek in the recording' });
    await expect.poll(() => slider.getAttribute('aria-valuemax')).not.toBe('0');
    await details.getByRole('button', { name: 'Play recording' }).click();
    await expect.poll(() => slider.getAttribute('aria-valuenow'), { timeout: 8000 }).not.toBe('0');
    await staff.close();
  }, 150_000);
});
