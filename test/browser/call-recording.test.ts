import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/server/db/schema/index.js';
import { FileRecordingStore } from '../../src/server/recordings/file-recording-store.js';
import { RecordingLinks } from '../../src/server/recordings/recording-links.js';
import { recordingKey } from '../../src/server/recordings/recording-store.js';
import {
  OggOpusEncoder,
  STEREO_FRAME_SAMPLES,
  STEREO_RECORDING_RATE,
} from '../../src/server/voice/audio/ogg-opus-encoder.js';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { seedCall } from '../server/calls/seed-calls.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// A call with a stored recording (stereo Ogg Opus, made by the server's own
// encoder): its details sheet plays it through the signed link, seeks, and
// the server refuses the link once it has expired.

const SHOTS = process.env.SCREENSHOT_DIR;
const RECORDING_SEC = 6;

/** The caller speaks for the first half (left), the agent for the second (right). */
function twoSidedRecording(): Readable {
  const chunks: Uint8Array[] = [];
  const encoder = new OggOpusEncoder((bytes) => chunks.push(bytes));
  const frames = (RECORDING_SEC * 1000) / 20;
  for (let f = 0; f < frames; f++) {
    const frame = new Int16Array(STEREO_FRAME_SAMPLES * 2);
    for (let i = 0; i < STEREO_FRAME_SAMPLES; i++) {
      const n = f * STEREO_FRAME_SAMPLES + i;
      const wave = Math.round(
        7000 *
          Math.sin((2 * Math.PI * 220 * n) / STEREO_RECORDING_RATE) *
          Math.abs(Math.sin(n / 2000)),
      );
      frame[2 * i + (f < frames / 2 ? 0 : 1)] = wave;
    }
    encoder.encodeFrame(frame);
  }
  encoder.end();
  return Readable.from(chunks);
}

describe('a call recording in the call details', () => {
  let t: TestApp;
  let browser: Browser;
  let dataDir: string;
  let tenants: Awaited<ReturnType<typeof createTenants>>;
  let callId: string;
  let plainCallId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-recording-ui-'));
    t = await startDashboardApp({ BUZZI_DATA_DIR: dataDir });
    tenants = await createTenants(t, { callEnabled: true });
    const companyId = tenants.companyA.id;
    const call = await seedCall(t.db, companyId, {
      source: 'twilio',
      callerName: 'Maria Lopez',
      callerId: '+15551234567',
      durationMs: RECORDING_SEC * 1000,
      summary: 'Asked about whitening.',
      transcript: [
        ['caller', 'How much is whitening?'],
        ['agent', 'Whitening starts at two hundred dollars.'],
      ],
    });
    callId = call.id;
    const key = recordingKey({ companyId, callId });
    await new FileRecordingStore(path.join(dataDir, 'recordings')).put(key, twoSidedRecording());
    await t.db
      .update(calls)
      .set({ recordingPath: key, recordingDurationMs: RECORDING_SEC * 1000 })
      .where(eq(calls.id, callId));
    plainCallId = (await seedCall(t.db, companyId, { callerName: 'No Recording' })).id;
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const openDetails = async (id: string, options = {}) => {
    const context = await browser.newContext({ timezoneId: 'UTC', ...options });
    const page = await signIn(context, t.url, tenants.users.agentA.email, TEST_PASSWORD);
    await page.goto(`${t.url}/calls?call=${id}`);
    return page;
  };
  const seekBar = (page: Page) => page.getByRole('slider', { name: 'Seek in the recording' });

  it('plays the recording through its signed link and seeks', async () => {
    const page = await openDetails(callId);
    const details = page.getByRole('dialog', { name: 'Maria Lopez' });
    const fetched = page.waitForResponse((res) => res.url().includes(`/api/recordings/${callId}?`));
    await details.getByRole('heading', { name: 'Recording', exact: true }).waitFor();
    const response = await fetched;
    expect(response.status()).toBeLessThan(300);
    expect(response.headers()['content-type']).toBe('audio/ogg');
    expect(response.url()).toMatch(/expires=\d+&sig=[0-9a-f]{64}/);

    const slider = seekBar(page);
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('0:00 of 0:06');
    // Both sides were measured: the waveform has the agent's and the caller's bars.
    await expect.poll(() => details.locator('svg rect').count()).toBeGreaterThan(150);

    await details.getByRole('button', { name: 'Play recording' }).click();
    await details.getByRole('button', { name: 'Pause recording' }).waitFor();
    await expect.poll(() => slider.getAttribute('aria-valuenow'), { timeout: 8000 }).not.toBe('0');
    await details.getByRole('button', { name: 'Pause recording' }).click();

    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('0:06 of 0:06');
    await page.keyboard.press('Home');
    await expect.poll(() => slider.getAttribute('aria-valuenow')).toBe('0');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.getAttribute('aria-valuenow')).toBe('5');
    await page.context().close();
  }, 60_000);

  it('refuses the link after it expires', async () => {
    const page = await openDetails(callId);
    const expired = new RecordingLinks({
      key: t.secretBox.deriveKey('recording-links'),
      now: () => Date.now() - 11 * 60_000,
    }).urlFor(callId);
    const answer = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, body: await res.json() };
    }, expired);
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/expired/);
    await page.context().close();
  });

  it('shows no player for a call without a recording', async () => {
    const page = await openDetails(plainCallId);
    const details = page.getByRole('dialog', { name: 'No Recording' });
    await details.getByRole('heading', { name: 'Transcript' }).waitFor();
    expect(await details.getByRole('heading', { name: 'Recording', exact: true }).count()).toBe(0);
    expect(await seekBar(page).count()).toBe(0);
    await page.context().close();
  });

  it('lets the company admin change how long recordings are kept', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, t.url, tenants.users.adminA.email, TEST_PASSWORD);
    await page.goto(`${t.url}/settings?tab=company`);
    const days = page.getByLabel('Keep recordings for (days)');
    await expect.poll(() => days.inputValue()).toBe('90');
    await days.fill('30');
    // Company settings hold other cards with their own Save.
    await page
      .locator('form', { has: days })
      .getByRole('button', { name: 'Save', exact: true })
      .click();
    await page.getByText('Recording retention saved', { exact: true }).waitFor();
    const saved = await tenants.as.adminA.get('/api/company/recording-settings');
    expect(saved.body).toEqual({ recordingSettings: { retentionDays: 30 } });
    await context.close();
  });

  it.skipIf(!SHOTS)(
    'screenshots',
    async () => {
      for (const viewport of [
        { name: 'desktop', width: 1280, height: 900 },
        { name: 'mobile', width: 390, height: 844 },
      ]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const page = await openDetails(callId, { viewport, colorScheme });
          await expect
            .poll(() => seekBar(page).getAttribute('aria-valuetext'))
            .toBe('0:00 of 0:06');
          await page.getByRole('button', { name: 'Play recording' }).click();
          await page.waitForTimeout(2500);
          await page.getByRole('button', { name: 'Pause recording' }).click();
          await page.screenshot({ path: `${SHOTS}/recording-${viewport.name}-${colorScheme}.png` });
          await page.context().close();
          const context = await browser.newContext({ viewport, colorScheme });
          const admin = await signIn(context, t.url, tenants.users.adminA.email, TEST_PASSWORD);
          await admin.goto(`${t.url}/settings?tab=company`);
          await admin.getByLabel('Keep recordings for (days)').waitFor();
          await admin.screenshot({
            path: `${SHOTS}/retention-${viewport.name}-${colorScheme}.png`,
            fullPage: true,
          });
          await context.close();
        }
      }
    },
    60_000,
  );
});
