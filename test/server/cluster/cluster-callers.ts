import { request } from 'node:http';
import { decodeWav } from '../../../src/server/voice/audio/wav.js';
import { CallClient } from '../voice/browser-gateway-client.js';
import { type CallSessionBody, socketUrl, speechLikeWav } from '../voice/browser-gateway-setup.js';

/** One 20 ms frame of agent audio. */
export const FRAME_MS = 20;

/**
 * Opens a call session from its own loopback address (127.0.1.x), as
 * separate visitors would: the widget's per-address session limit then
 * counts each caller apart behind the balancer's X-Forwarded-For.
 */
export function requestSession(
  baseUrl: string,
  chatbotId: string,
  caller: number,
): Promise<CallSessionBody> {
  const url = new URL('/api/widget/call/session', baseUrl);
  const body = JSON.stringify({ chatbotId });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: `127.0.1.${(caller % 250) + 1}`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => {
          if (response.statusCode === 201) resolve(JSON.parse(text) as CallSessionBody);
          else reject(new Error(`call session refused: ${response.statusCode} ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export type ClusterCall = {
  caller: number;
  client: CallClient;
  callId: string;
  inputSampleRate: number;
};

/** A browser caller through the balancer, up to `call.started`, playing what it hears. */
export async function startClusterCall(
  baseUrl: string,
  chatbotId: string,
  caller: number,
): Promise<ClusterCall> {
  const session = await requestSession(baseUrl, chatbotId, caller);
  const client = await CallClient.connect(socketUrl(session), session.outputSampleRate);
  const started = await client.waitFor('call.started', () => true, 30_000);
  client.startPlayer();
  return {
    caller,
    client,
    callId: started.callId as string,
    inputSampleRate: session.inputSampleRate,
  };
}

/** The agent's final lines this caller heard, in order. */
export const agentFinals = (client: CallClient) =>
  client.events
    .filter((e) => e.type === 'transcript.final' && e.speaker === 'agent')
    .map((e) => e.text as string);

/** Speech-like audio at the session's input rate, long enough for one caller turn. */
export function utterance(sampleRate: number, durationMs = 400): Int16Array {
  return decodeWav(speechLikeWav(durationMs, sampleRate)).samples;
}

/**
 * Agent audio frames the caller never received: what the answers it heard in
 * full carried (`audioMsOf` each final line) minus what arrived.
 */
export function droppedFrames(client: CallClient, audioMsOf: (line: string) => number): number {
  const expectedMs = agentFinals(client).reduce((sum, line) => sum + audioMsOf(line), 0);
  return Math.max(0, Math.round((expectedMs - client.receivedAudioMs()) / FRAME_MS));
}
