import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callTranscripts } from '../../src/server/db/schema/index.js';
import { encodeWav } from '../../src/server/voice/audio/wav.js';
import { createTenants } from '../helpers/fixtures.js';
import { createLocalCallBot } from '../helpers/local-call-bot.js';
import { concatAudio, silenceAudio, spokenAudio } from '../helpers/speech.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { launchChromium } from './browser.js';
import { startHostSite } from './call-page.js';
import {
  callRecord,
  callState,
  callTranscriptText,
  endCall,
  playbackReports,
  rateCall,
  receivedAudioMs,
  type SocketFrame,
  startCall,
  watchCallSockets,
} from './call-session-watch.js';

// The whole call path with nothing fake but the microphone: Chromium's fake
// capture device plays flite speech into getUserMedia, the controller's
// worklets carry it to the server's local engine (Silero VAD, pocketsphinx,
// the offline knowledge responder, flite) and play the answer back.

let t: TestApp;
let host: { url: string; close(): Promise<void> };
let publicId: string;
let companyId: string;
let wavDir: string;

/**
 * Flite speaks at full scale; a voice reaches a real microphone about 10 dB
 * lower, and at full scale Chrome's automatic gain control would clip it.
 */
const MICROPHONE_GAIN = 0.3;

/** A fake microphone recording of words (strings) and silences (ms); Chromium loops it. */
function microphoneWav(...parts: Array<string | number>): string {
  const audio = concatAudio(
    parts.map((part) => (typeof part === 'number' ? silenceAudio(part) : spokenAudio(part))),
  );
  const samples = Int16Array.from(audio.samples, (s) => Math.round(s * MICROPHONE_GAIN));
  const file = path.join(wavDir, `mic-${parts.join('-').replace(/\W+/g, '_')}.wav`);
  writeFileSync(file, encodeWav({ samples, sampleRate: audio.sampleRate }));
  return file;
}

function launchWithMicrophone(wav: string, grantByFlag = true): Promise<Browser> {
  return launchChromium([
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--autoplay-policy=no-user-gesture-required',
    ...(grantByFlag ? ['--use-fake-ui-for-media-stream'] : []),
  ]);
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const finalLines = async (page: Page, speaker: 'caller' | 'agent') =>
  (await callRecord(page)).transcript.filter((l) => l.final && l.speaker === speaker);

async function storedTranscript(callId: string) {
  return t.db
    .select()
    .from(callTranscripts)
    .where(and(eq(callTranscripts.companyId, companyId), eq(callTranscripts.callId, callId)))
    .orderBy(callTranscripts.seq);
}

beforeAll(async () => {
  wavDir = mkdtempSync(path.join(tmpdir(), 'buzzi-call-controller-'));
  t = await startTestApp();
  const tenants = await createTenants(t, { callEnabled: true });
  companyId = tenants.companyA.id;
  publicId = (
    await createLocalCallBot(t, tenants.as.adminA, { call: { greeting: 'Hello, Alpha Dental.' } })
  ).publicId;
  host = await startHostSite();
}, 90_000);
afterAll(async () => {
  await host?.close();
  await t?.close();
  if (wavDir) rmSync(wavDir, { recursive: true, force: true });
});

describe('a call from a web page through the call controller', () => {
  let browser: Browser;
  beforeAll(async () => {
    // Silence while the greeting plays, the question, then quiet.
    browser = await launchWithMicrophone(
      microphoneWav(5000, 'What are your business hours?', 40_000),
      false,
    );
  });
  afterAll(() => browser?.close());

  it('hears the question, plays the answer, hangs up and stores a rating', async () => {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    const frames = watchCallSockets(page);
    await page.goto(host.url);
    await startCall(page, { apiBase: t.url, chatbotId: publicId });

    await waitFor(
      () => callState(page),
      (s) => s === 'active',
      'the call to connect',
    );
    const states = (await callRecord(page)).states.map((s) => s.status);
    expect(states.slice(0, 3)).toEqual(['requesting-microphone', 'connecting', 'active']);

    const callerLines = await waitFor(
      () => finalLines(page, 'caller'),
      (lines) => lines.length > 0,
      'the caller line',
    );
    // pocketsphinx hears "business hours" or "business showers" through Chrome's audio processing.
    expect(callerLines[0]?.text).toMatch(/what are your business/i);
    const agentLines = await waitFor(
      () => finalLines(page, 'agent'),
      (lines) => lines.some((l) => l.text.includes('Monday to Friday')),
      'the answer',
    );
    expect(agentLines[0]?.text).toBe('Hello, Alpha Dental.');
    expect(agentLines.every((l) => !l.interrupted)).toBe(true);

    // Everything the server sent was played, and the page said so.
    await waitFor(
      async () => frames,
      (f) => (playbackReports(f).at(-1) ?? 0) >= Math.floor(receivedAudioMs(f)) - 1,
      'the answer to play out',
    );
    expect(receivedAudioMs(frames)).toBeGreaterThan(3000);
    // The caller's audio went out as 20 ms PCM16 frames at 16 kHz.
    expect(frames.filter((f) => f.direction === 'out' && f.kind === 'audio')).toContainEqual({
      direction: 'out',
      kind: 'audio',
      bytes: 640,
    });
    const { maxLevels } = await callRecord(page);
    expect(maxLevels.caller).toBeGreaterThan(0.3);
    expect(maxLevels.agent).toBeGreaterThan(0.3);

    await endCall(page);
    const ended = (await callRecord(page)).states.at(-1);
    expect(ended).toMatchObject({ status: 'ended', reason: 'caller_ended' });
    if (ended?.status !== 'ended' || !ended.callId) throw new Error('no ended call');
    expect(ended.durationMs).toBeGreaterThan(0);
    expect(frames.some((f) => f.kind === 'json' && f.message.type === 'end')).toBe(true);

    const stored = await storedTranscript(ended.callId);
    expect(stored.find((u) => u.speaker === 'caller')?.text).toMatch(/what are your business/i);
    expect(stored.some((u) => u.speaker === 'agent' && u.text.includes('Monday to Friday'))).toBe(
      true,
    );

    await rateCall(page, 4);
    const [row] = await t.db
      .select({ rating: calls.rating, endReason: calls.endReason })
      .from(calls)
      .where(and(eq(calls.companyId, companyId), eq(calls.id, ended.callId)));
    expect(row).toEqual({ rating: 4, endReason: 'caller_ended' });

    const text = await callTranscriptText(page);
    expect(text).toMatch(/^Call transcript\n/);
    expect(text).toMatch(/\nAgent: Hello, Alpha Dental\.\n/);
    expect(text).toMatch(/\nYou: what are your business/i);
    expect(text).toMatch(/\nAgent: .*Monday to Friday/);
    await context.close();
  }, 120_000);

  it('tells the visitor how to allow a microphone the browser refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    await startCall(page, { apiBase: t.url, chatbotId: publicId });
    const state = await waitFor(
      async () => (await callRecord(page)).states.at(-1),
      (s) => s?.status === 'microphone-denied',
      'the refusal',
    );
    expect(state).toMatchObject({ message: expect.stringMatching(/lock .*address bar/) });
    await context.close();
  });

  it('says calls are unavailable for a chatbot that takes none', async () => {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    await page.goto(host.url);
    await startCall(page, { apiBase: t.url, chatbotId: 'cb_no_such_bot' });
    const state = await waitFor(
      async () => (await callRecord(page)).states.at(-1),
      (s) => s?.status === 'unavailable',
      'the refusal',
    );
    expect(state).toMatchObject({ message: expect.stringMatching(/temporarily unavailable/) });
    await context.close();
  });
});

describe('a caller who talks over the answer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchWithMicrophone(
      microphoneWav(5000, 'What are your business hours?', 3500, 'Sorry, one more thing.', 40_000),
    );
  });
  afterAll(() => browser?.close());

  it('stops the agent at once and marks its line interrupted', async () => {
    const page = await browser.newPage();
    const frames: SocketFrame[] = watchCallSockets(page);
    await page.goto(host.url);
    await startCall(page, { apiBase: t.url, chatbotId: publicId });

    const cut = await waitFor(
      async () => (await callRecord(page)).transcript.filter((l) => l.interrupted),
      (lines) => lines.length > 0,
      'the barge-in',
    );
    expect(cut[0]).toMatchObject({
      speaker: 'agent',
      text: expect.stringMatching(/^Our business/),
    });

    // Right after the clear, the page reports every received sample as played or dropped.
    const clearAt = frames.findIndex(
      (f) => f.kind === 'json' && f.message.type === 'playback.clear',
    );
    expect(clearAt).toBeGreaterThan(0);
    const receivedBeforeClear = receivedAudioMs(frames.slice(0, clearAt));
    const reportAfterClear = await waitFor(
      async () => playbackReports(frames.slice(clearAt))[0],
      (ms) => ms !== undefined,
      'the report after the clear',
    );
    expect(Math.abs((reportAfterClear ?? 0) - Math.floor(receivedBeforeClear))).toBeLessThanOrEqual(
      1,
    );

    await endCall(page);
    const ended = (await callRecord(page)).states.at(-1);
    if (ended?.status !== 'ended' || !ended.callId) throw new Error('no ended call');
    const stored = await waitFor(
      () => storedTranscript(ended.callId ?? ''),
      (rows) => rows.some((r) => r.interrupted),
      'the stored interruption',
    );
    expect(stored.find((r) => r.interrupted)).toMatchObject({ speaker: 'agent' });
  }, 120_000);
});
