import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callTranscripts } from '../../../src/server/db/schema/index.js';
import { RecordingLinks } from '../../../src/server/recordings/recording-links.js';
import { decodeWav } from '../../../src/server/voice/audio/wav.js';
import { type DecodedRecording, decodeOggOpus, rmsBetween } from '../../helpers/recording-audio.js';
import type { CallClient } from '../voice/browser-gateway-client.js';
import {
  type GatewayWorld,
  hangUp,
  newCallSession,
  speechLikeWav,
  startBrowserCall,
  startGatewayWorld,
} from '../voice/browser-gateway-setup.js';

// A real browser call over the WebSocket (OpenAI Realtime is the local fake)
// with recording on: the stored file must hold the caller on the left and
// the agent on the right, each when it was heard, and a barge-in must cut
// the agent's answer in the recording too.

const turns: NonNullable<Parameters<typeof startGatewayWorld>[0]>['turns'] = [];
let world: GatewayWorld;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-recordings-'));
  world = await startGatewayWorld({ turns, turnAfterAudioMs: 300 }, { BUZZI_DATA_DIR: dataDir });
});
afterAll(async () => {
  await world?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const sinceStart = (start: number) => performance.now() - start;

async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

type Timings = { greetingEndMs: number; callerFromMs: number; callerToMs: number; endMs: number };

describe('a recorded call', () => {
  let callId: string;
  let timings: Timings;
  let recording: DecodedRecording;
  let file: string;

  it('stores the call as stereo Ogg Opus and fills the call row', async () => {
    const bot = await world.createCallBot({
      recording: true,
      greeting: 'Hello from Alpha Dental.',
    });
    turns?.push(
      { transcript: 'I would like to book a cleaning', reply: { say: 'Sure.', audioMs: 4000 } },
      { transcript: 'Monday works', reply: { say: 'Great, Monday it is.', audioMs: 400 } },
    );
    const session = await newCallSession(world.visitor(), bot.publicId);
    const client: CallClient = await startBrowserCall(session);
    const start = performance.now();
    client.startPlayer();
    callId = String(client.eventsOf('call.started')[0]?.callId);
    await client.waitFor('agent.speaking', (e) => e.speaking === false, 5000);
    const greetingEndMs = sinceStart(start);
    await pause(300);

    // One second of speech: the first turn's 4 s answer starts, the second turn barges in.
    const wav = decodeWav(speechLikeWav(1000, session.inputSampleRate));
    const callerFromMs = sinceStart(start);
    await client.streamAudio(wav.samples, wav.sampleRate);
    const callerToMs = sinceStart(start);
    await client.waitFor('playback.clear');
    await pause(3000);
    const endMs = sinceStart(start);
    await hangUp(client);
    timings = { greetingEndMs, callerFromMs, callerToMs, endMs };

    const [row] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
    const companyId = world.tenants.companyA.id;
    expect(row?.recordingPath).toBe(`${companyId}/${callId}.ogg`);
    file = path.join(dataDir, 'recordings', companyId, `${callId}.ogg`);
    expect(existsSync(file)).toBe(true);
    expect(row?.recordingDurationMs).toBeGreaterThan(endMs - 300);
    expect(row?.recordingDurationMs).toBeLessThan(endMs + 1000);
    recording = await decodeOggOpus(await readFile(file));
    expect(recording.left.length / recording.sampleRate).toBeCloseTo(
      (row?.recordingDurationMs ?? 0) / 1000,
      1,
    );
  }, 30_000);

  it('has the agent on the right and the caller on the left, each when it was heard', () => {
    const { left, right, sampleRate } = recording;
    const { greetingEndMs, callerFromMs, callerToMs } = timings;
    const loud = 0.05;
    const quiet = 0.01;
    // The greeting: agent only.
    expect(rmsBetween(right, sampleRate, 100, greetingEndMs - 200)).toBeGreaterThan(loud);
    expect(rmsBetween(left, sampleRate, 100, greetingEndMs - 200)).toBeLessThan(quiet);
    // The caller's second of speech, where it was spoken.
    expect(rmsBetween(left, sampleRate, callerFromMs + 150, callerToMs - 150)).toBeGreaterThan(
      loud,
    );
    expect(rmsBetween(left, sampleRate, greetingEndMs + 50, callerFromMs - 50)).toBeLessThan(quiet);
    expect(rmsBetween(left, sampleRate, callerToMs + 300, timings.endMs - 100)).toBeLessThan(quiet);
  });

  it('cuts the interrupted answer where the caller stopped hearing it', async () => {
    const { right, sampleRate } = recording;
    const { callerFromMs } = timings;
    const [cut] = await world.t.db
      .select()
      .from(callTranscripts)
      .where(and(eq(callTranscripts.callId, callId), eq(callTranscripts.interrupted, true)));
    // What the caller heard of the 4 s answer (the leg's count, as the transcript keeps it) is
    // there. (On a loaded machine the second turn may come before any of it was heard.)
    if (cut && cut.endMs - cut.startMs >= 150) {
      expect(rmsBetween(right, sampleRate, cut.startMs + 40, cut.endMs - 40)).toBeGreaterThan(0.05);
    }
    // Answer two lasts 400 ms; uncut, the 4 s answer would fill the right channel far past it.
    expect(rmsBetween(right, sampleRate, callerFromMs + 2000, callerFromMs + 3800)).toBeLessThan(
      0.01,
    );
  });

  it('serves the recording through the signed URL of the call details, with ranges', async () => {
    const details = await world.tenants.as.agentA.get<{ call: { recordingUrl: string | null } }>(
      `/api/company/calls/${callId}`,
    );
    expect(details.status).toBe(200);
    const url = details.body.call.recordingUrl;
    expect(url).toMatch(new RegExp(`^/api/recordings/${callId}\\?expires=\\d+&sig=[0-9a-f]{64}$`));
    const stored = await readFile(file);

    const whole = await fetch(`${world.t.url}${url}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/ogg');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(stored)).toBe(true);

    const part = await fetch(`${world.t.url}${url}`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${stored.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(stored.subarray(100, 200))).toBe(true);

    const tail = await fetch(`${world.t.url}${url}`, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(stored.subarray(-10))).toBe(true);

    const beyond = await fetch(`${world.t.url}${url}`, {
      headers: { range: `bytes=${stored.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${stored.length}`);
  });

  it('refuses a tampered, moved or expired link with 403', async () => {
    const links = new RecordingLinks({ key: world.t.secretBox.deriveKey('recording-links') });
    const good = links.urlFor(callId);
    const [, query = ''] = good.split('?');
    const params = new URLSearchParams(query);
    const expires = Number(params.get('expires'));
    const sig = params.get('sig') ?? '';

    const refused = async (url: string, message: RegExp) => {
      const res = await fetch(`${world.t.url}${url}`);
      expect(res.status, url).toBe(403);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('forbidden');
      expect(body.message).toMatch(message);
    };
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    await refused(`/api/recordings/${callId}?expires=${expires}&sig=${flipped}`, /not valid/);
    await refused(`/api/recordings/${callId}?expires=${expires + 60_000}&sig=${sig}`, /not valid/);
    await refused(
      `/api/recordings/${crypto.randomUUID()}?expires=${expires}&sig=${sig}`,
      /not valid/,
    );
    await refused(`/api/recordings/${callId}`, /not valid/);

    // The server's own links, made eleven minutes ago: expired ten minutes after.
    const past = new RecordingLinks({
      key: world.t.secretBox.deriveKey('recording-links'),
      now: () => Date.now() - 11 * 60_000,
    });
    await refused(past.urlFor(callId), /expired/);
  });

  it('gives another company no link: its details request is a 404', async () => {
    const res = await world.tenants.as.adminB.get(`/api/company/calls/${callId}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('/api/recordings/');
  });

  it('deletes the recording with the call', async () => {
    const res = await world.tenants.as.adminA.delete(`/api/company/calls/${callId}`);
    expect(res.status).toBe(204);
    expect(existsSync(file)).toBe(false);
  });
});

describe('a call of a chatbot that does not record', () => {
  it('leaves no recording file and no recording on the call', async () => {
    const bot = await world.createCallBot({ recording: false });
    const config = await world.visitor().get(`/api/widget/${bot.publicId}/config`);
    expect(config.body).toMatchObject({ call: { available: true, recorded: false } });
    const session = await newCallSession(world.visitor(), bot.publicId);
    const client = await startBrowserCall(session);
    const callId = String(client.eventsOf('call.started')[0]?.callId);
    client.startPlayer();
    await client.waitFor('agent.speaking', (e) => e.speaking === false, 5000);
    await hangUp(client);
    const [row] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
    expect(row?.status).toBe('completed');
    expect(row?.recordingPath).toBeNull();
    expect(row?.recordingDurationMs).toBeNull();
    const companyDir = path.join(dataDir, 'recordings', world.tenants.companyA.id);
    expect(existsSync(path.join(companyDir, `${callId}.ogg`))).toBe(false);
  });
});
