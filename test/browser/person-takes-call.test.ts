import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTranscripts } from '../../src/server/db/schema/index.js';
import { encodeWav } from '../../src/server/voice/audio/wav.js';
import { callPhrases } from '../../src/server/voice/runner/call-phrases.js';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import { createLocalCallBot } from '../helpers/local-call-bot.js';
import { concatAudio, silenceAudio, spokenAudio } from '../helpers/speech.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';
import { startHostSite } from './call-page.js';
import {
  callRecord,
  receivedAudioMs,
  type SocketFrame,
  startCall,
  watchCallSockets,
} from './call-session-watch.js';

// Two browsers, each with its own fake microphone: a caller on a web page
// asks the local engine for a person; a support agent's dashboard rings,
// they accept and talk with the caller from the Live call page, each hearing
// the other and the transcript holding both; then they hand the call back
// to the AI.

let t: TestApp;
let host: { url: string; close(): Promise<void> };
let publicId: string;
let companyId: string;
let agent: { email: string; name: string };
let admin: { email: string };
let wavDir: string;
const browsers: Browser[] = [];

function microphone(name: string, ...parts: Array<string | number>): string {
  const audio = concatAudio(
    parts.map((part) => (typeof part === 'number' ? silenceAudio(part) : spokenAudio(part))),
  );
  const samples = Int16Array.from(audio.samples, (s) => Math.round(s * 0.3));
  const file = path.join(wavDir, `${name}.wav`);
  writeFileSync(file, encodeWav({ samples, sampleRate: audio.sampleRate }));
  return file;
}

async function browserWithMicrophone(wav: string): Promise<Browser> {
  const browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ]);
  browsers.push(browser);
  return browser;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Audio bytes the page received on its take-over socket. */
function watchTakeOverAudio(page: Page): { bytes: number } {
  const received = { bytes: 0 };
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/take-over/socket')) return;
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') received.bytes += payload.length;
    });
  });
  return received;
}

const storedLines = (callId: string) =>
  t.db
    .select()
    .from(callTranscripts)
    .where(and(eq(callTranscripts.companyId, companyId), eq(callTranscripts.callId, callId)))
    .orderBy(callTranscripts.seq);

beforeAll(async () => {
  wavDir = mkdtempSync(path.join(tmpdir(), 'buzzi-person-call-'));
  t = await startDashboardApp();
  const tenants = await createTenants(t, { callEnabled: true });
  companyId = tenants.companyA.id;
  agent = tenants.users.agentA;
  admin = tenants.users.adminA;
  publicId = (
    await createLocalCallBot(t, tenants.as.adminA, { call: { greeting: 'Hello, Alpha Dental.' } })
  ).publicId;
  host = await startHostSite();
}, 90_000);
afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await host?.close();
  await t?.close();
  if (wavDir) rmSync(wavDir, { recursive: true, force: true });
});

describe('a person takes a call from the dashboard', () => {
  it('rings, joins, talks both ways with a transcript of both, and hands back to the AI', async () => {
    const callerBrowser = await browserWithMicrophone(
      microphone('caller', 4000, 'I want to talk to a person', 60_000),
    );
    const agentBrowser = await browserWithMicrophone(
      microphone('agent', 1500, 'Hello this is the front desk how can I help', 60_000),
    );

    // The support agent has the dashboard open: they are available.
    const dashboard = await signIn(
      await agentBrowser.newContext({ permissions: ['microphone'] }),
      t.url,
      agent.email,
      TEST_PASSWORD,
    );
    await dashboard.goto(`${t.url}/tickets`);
    await dashboard.getByText('Available', { exact: true }).waitFor();
    const personAudio = watchTakeOverAudio(dashboard);

    const caller = await (
      await callerBrowser.newContext({ permissions: ['microphone'] })
    ).newPage();
    const callerFrames: SocketFrame[] = watchCallSockets(caller);
    await caller.goto(host.url);
    await startCall(caller, { apiBase: t.url, chatbotId: publicId });

    // The caller asks for a person: the agent's dashboard rings.
    const ringing = dashboard.getByRole('dialog', { name: 'Incoming call: Web caller' });
    await ringing.waitFor({ timeout: 60_000 });
    const callerHeardBefore = receivedAudioMs(callerFrames);
    await ringing.getByRole('button', { name: 'Accept' }).click();
    await dashboard.waitForURL(/\/calls\/[0-9a-f-]+\/take-over$/);
    const callId = dashboard.url().split('/').at(-2) ?? '';
    await dashboard.getByText("You're on the call").waitFor({ timeout: 20_000 });

    // The agent hears the caller, the caller hears the agent.
    await until(
      async () => personAudio.bytes,
      (bytes) => bytes > 48_000,
      'the caller on the agent side',
    );
    await until(
      async () => receivedAudioMs(callerFrames) - callerHeardBefore,
      (ms) => ms > 2000,
      'the agent on the caller side',
    );
    // Both sides are in the transcript: the agent's words under their name.
    const lines = await until(
      () => storedLines(callId),
      (rows) => rows.some((row) => row.speaker === 'human_agent'),
      "the agent's words in the transcript",
    );
    expect(lines.find((row) => row.speaker === 'human_agent')?.speakerName).toBe(agent.name);
    expect(lines.some((row) => row.speaker === 'caller')).toBe(true);
    await dashboard
      .getByRole('log', { name: 'Transcript' })
      .getByText(agent.name)
      .first()
      .waitFor();

    // A company admin listens in from the call's details: they hear the call, the caller hears nothing new.
    const supervisor = await signIn(
      await agentBrowser.newContext(),
      t.url,
      admin.email,
      TEST_PASSWORD,
    );
    const listened = { bytes: 0, sent: 0 };
    supervisor.on('websocket', (socket) => {
      if (!socket.url().includes('/listen/socket')) return;
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string') listened.bytes += payload.length;
      });
      socket.on('framesent', ({ payload }) => {
        if (typeof payload !== 'string') listened.sent += payload.length;
      });
    });
    await supervisor.goto(`${t.url}/calls?call=${callId}`);
    await supervisor.getByRole('button', { name: 'Listen in' }).click();
    await supervisor.getByText('Listening in. The caller cannot hear you.').waitFor();
    await until(
      async () => listened.bytes,
      (bytes) => bytes > 48_000,
      "the call in the supervisor's ears",
    );
    expect(listened.sent).toBe(0);
    await supervisor.getByRole('button', { name: 'Stop listening' }).click();
    await supervisor.close();

    // Leaving the page would drop the caller: the dashboard asks first.
    await dashboard.getByRole('link', { name: 'Calls' }).first().click();
    const leave = dashboard.getByRole('alertdialog', { name: 'Leave the call?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Cancel' }).click();
    await dashboard.getByText("You're on the call").waitFor();

    // Handed back, the AI speaks to the caller again.
    await dashboard.getByRole('button', { name: 'Hand back to AI' }).click();
    await dashboard.getByText('You handed the call back to the AI assistant.').waitFor();
    await until(
      async () => (await callRecord(caller)).transcript,
      (transcript) => transcript.some((line) => line.text.includes(callPhrases.handedBack)),
      'the AI back on the call',
    );
  }, 180_000);
});
