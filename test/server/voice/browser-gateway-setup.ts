import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { aiModels } from '../../../src/server/db/schema/index.js';
import { decodeWav, encodeWav } from '../../../src/server/voice/audio/wav.js';
import {
  FAKE_OPENAI_KEY,
  type FakeCallerTurn,
  type FakeOpenAIRealtime,
  type FakeOpenAIRealtimeScript,
  startFakeOpenAIRealtime,
} from '../../fakes/openai-realtime-server.js';
import type { ApiClient, ApiResponse } from '../../helpers/api-client.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createChatChatbot } from '../../helpers/widget-visitor.js';
import { CallClient } from './browser-gateway-client.js';

export type CallSessionBody = {
  sessionId: string;
  token: string;
  wsUrl: string;
  inputSampleRate: number;
  outputSampleRate: number;
  settings: Record<string, unknown>;
};

/** The app with OpenAI pointed at the fake Realtime server, two tenants and a call chatbot. */
export async function startGatewayWorld(
  script: FakeOpenAIRealtimeScript = {},
  env: Record<string, string> = {},
) {
  const fake: FakeOpenAIRealtime = await startFakeOpenAIRealtime(script);
  const t: TestApp = await startTestApp({
    ...env,
    OPENAI_API_KEY: FAKE_OPENAI_KEY,
    OPENAI_BASE_URL: fake.url,
  });
  const tenants = await createTenants(t, { callEnabled: true });
  const [realtime] = await t.db
    .select({ id: aiModels.id })
    .from(aiModels)
    .where(eq(aiModels.modelId, 'gpt-realtime'));
  if (!realtime) throw new Error('seeded gpt-realtime model missing');
  const createCallBot = async (call: Record<string, unknown> = {}, admin = tenants.as.adminA) => {
    const res = await admin.post<{ chatbot: { id: string; publicId: string } }>(
      '/api/company/chatbots',
      {
        name: `Phone desk ${Math.random().toString(36).slice(2, 7)}`,
        chatbotType: 'call',
        settings: {
          call: { modelId: realtime.id, greeting: 'Hello from Alpha Dental.', ...call },
        },
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.chatbot;
  };
  return {
    t,
    fake,
    tenants,
    createCallBot,
    createChatBot: () => createChatChatbot(tenants.as.adminA),
    visitor: () => t.client(),
    close: async () => {
      await t.close();
      await fake.close();
    },
  };
}

export type GatewayWorld = Awaited<ReturnType<typeof startGatewayWorld>>;

export function requestCallSession(
  visitor: ApiClient,
  chatbotId: unknown,
): Promise<ApiResponse<CallSessionBody>> {
  return visitor.post<CallSessionBody>('/api/widget/call/session', { chatbotId });
}

/** A session the widget may use, as a 201 answer carries it. */
export async function newCallSession(visitor: ApiClient, publicId: string) {
  const res = await requestCallSession(visitor, publicId);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export function socketUrl(session: CallSessionBody, token = session.token): string {
  return `${session.wsUrl}?token=${encodeURIComponent(token)}`;
}

/** Opens the call socket like the widget does and waits for `call.started`. */
export async function startBrowserCall(session: CallSessionBody): Promise<CallClient> {
  const client = await CallClient.connect(socketUrl(session), session.outputSampleRate);
  await client.waitFor('call.started');
  return client;
}

/** Ends the call from the socket and waits for the server to close it. */
export async function hangUp(client: CallClient) {
  client.sendJson({ type: 'end' });
  const ended = await client.waitFor('call.ended');
  await client.closed;
  return ended;
}

/**
 * Speech-like test audio without a speech engine: a 220 Hz voice with its
 * second and third harmonics under a 4 Hz syllable envelope, as a WAV file.
 */
export function speechLikeWav(durationMs: number, sampleRate = 16_000): Buffer {
  const samples = new Int16Array((sampleRate * durationMs) / 1000);
  for (let n = 0; n < samples.length; n++) {
    const time = n / sampleRate;
    const envelope = 0.35 + 0.65 * Math.abs(Math.sin(Math.PI * 4 * time));
    const voice =
      Math.sin(2 * Math.PI * 220 * time) +
      0.25 * Math.sin(2 * Math.PI * 440 * time) +
      0.1 * Math.sin(2 * Math.PI * 660 * time);
    samples[n] = Math.round(9000 * envelope * voice);
  }
  return encodeWav({ samples, sampleRate });
}

/** Rising zero crossings per second: the fundamental of a clean voiced signal. */
export function fundamentalHz(samples: Int16Array, sampleRate: number): number {
  let rising = 0;
  for (let n = 1; n < samples.length; n++) {
    if ((samples[n - 1] ?? 0) < 0 && (samples[n] ?? 0) >= 0) rising++;
  }
  return (rising * sampleRate) / samples.length;
}

/** Whether some 100 ms of `samples` is a tone of about `hz`. */
export function hasPitch(samples: Int16Array, sampleRate: number, hz: number): boolean {
  const window = sampleRate / 10;
  for (let i = 0; i + window <= samples.length; i += window) {
    if (Math.abs(fundamentalHz(samples.subarray(i, i + window), sampleRate) - hz) < 20) return true;
  }
  return false;
}

/**
 * After the greeting, the caller asks for a cleaning and, while the 4 s answer
 * plays, says "Monday": a barge-in. Resolves once the second answer is heard.
 */
export async function bargeInExchange(
  client: CallClient,
  inputSampleRate: number,
  turns: FakeCallerTurn[],
): Promise<void> {
  await client.waitFor('agent.speaking', (e) => e.speaking === false, 5000);
  turns.push(
    { transcript: 'Book me a cleaning', reply: { say: 'Sure, Monday or Friday.', audioMs: 4000 } },
    { transcript: 'Monday', reply: { say: 'Monday it is.', audioMs: 400 } },
  );
  const wav = decodeWav(speechLikeWav(1000, inputSampleRate));
  await client.streamAudio(wav.samples, wav.sampleRate);
  await client.waitFor('playback.clear');
  await client.waitFor(
    'transcript.final',
    (e) => e.speaker === 'agent' && e.text === 'Monday it is.',
  );
}
