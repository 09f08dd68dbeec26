import { encodeG711 } from '../../src/server/voice/audio/g711.js';
import type {
  ActiveResponse,
  AudioFormat,
  FakeRealtimeConnection,
  FakeReply,
} from './openai-realtime-connection.js';
import { toneSamples } from './pcm-tone.js';

export type FakeSpeaker = {
  connection: FakeRealtimeConnection;
  response: ActiveResponse;
  /** Waits between audio chunks: a chunk's duration (realtime) or one tick (immediate). */
  pace: () => Promise<unknown>;
};

const PCM_RATE = 24000;
const G711_RATE = 8000;
const DEFAULT_AUDIO_MS = 600;
const INPUT_TOKENS = 150;

/**
 * One response as the GA API streams it: response.created, the output item
 * and its content part, audio and transcript deltas (or function-call
 * arguments), the matching `.done` events, and response.done with usage.
 * A cancel (client or barge-in) stops the audio after one more chunk, the one on the wire.
 */
export async function speakReply(
  speaker: FakeSpeaker,
  reply: FakeReply,
  metadata: Record<string, string> | null,
): Promise<void> {
  const { connection, response } = speaker;
  const base = {
    object: 'realtime.response',
    id: response.id,
    conversation_id: 'conv_fake',
    output_modalities: ['audio'],
    max_output_tokens: 'inf',
    audio: {
      output: { format: connection.session.outputFormat, voice: connection.session.voice },
    },
    metadata,
  };
  connection.send({
    type: 'response.created',
    response: { ...base, status: 'in_progress', status_details: null, output: [], usage: null },
  });
  let output: Record<string, unknown>[] = [];
  let audioMs = 0;
  let textTokens = 0;
  if ('say' in reply) {
    const spoken = await speak(speaker, reply.say, reply.audioMs ?? DEFAULT_AUDIO_MS);
    output = [spoken.item];
    audioMs = spoken.audioMs;
    textTokens = spoken.transcript.split(/\s+/).filter(Boolean).length;
  } else if ('toolCall' in reply) {
    output = [callTool(speaker, reply.toolCall.name, reply.toolCall.arguments)];
    textTokens = Math.ceil(reply.toolCall.arguments.length / 4);
  }
  const status =
    'fail' in reply ? 'failed' : response.cancelReason !== undefined ? 'cancelled' : 'completed';
  const audioTokens = Math.round(audioMs / 50);
  connection.send({
    type: 'response.done',
    response: {
      ...base,
      status,
      status_details:
        status === 'completed'
          ? null
          : status === 'cancelled'
            ? { type: 'cancelled', reason: response.cancelReason }
            : { type: 'failed', error: 'fail' in reply ? reply.fail : null },
      output,
      usage: {
        total_tokens: INPUT_TOKENS + textTokens + audioTokens,
        input_tokens: INPUT_TOKENS,
        output_tokens: textTokens + audioTokens,
        input_token_details: {
          text_tokens: INPUT_TOKENS,
          audio_tokens: 0,
          cached_tokens: 0,
          cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
          image_tokens: 0,
        },
        output_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
      },
    },
  });
}

async function speak(
  { connection, response, pace }: FakeSpeaker,
  text: string,
  audioMs: number,
): Promise<{ item: Record<string, unknown>; audioMs: number; transcript: string }> {
  const itemId = connection.context.id('item');
  const part = { response_id: response.id, item_id: itemId, output_index: 0, content_index: 0 };
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'in_progress',
    role: 'assistant',
    content: [] as unknown[],
  };
  const previous = connection.lastItemId;
  const tracked = { kind: 'assistant' as const, audioMs: 0 };
  connection.addItem(itemId, tracked);
  connection.send({
    type: 'response.output_item.added',
    response_id: response.id,
    output_index: 0,
    item,
  });
  connection.send({ type: 'conversation.item.added', previous_item_id: previous, item });
  connection.send({
    type: 'response.content_part.added',
    ...part,
    part: { type: 'audio', transcript: '' },
  });

  const words = text.split(/(?<=\s)/);
  const format = connection.session.outputFormat;
  const sampleRate = format.type === 'audio/pcm' ? PCM_RATE : G711_RATE;
  const chunkSamples = Math.round((connection.context.chunkMs * sampleRate) / 1000);
  const totalSamples = Math.round((audioMs * sampleRate) / 1000);
  const chunks = Math.max(1, Math.ceil(totalSamples / chunkSamples));
  let sent = 0;
  let transcript = '';
  // A chunk sent before the cancel arrived still reaches the client, as over a real network.
  let inFlightAfterCancel = 1;
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (response.cancelReason !== undefined && inFlightAfterCancel-- <= 0) break;
    const count = Math.min(chunkSamples, totalSamples - sent);
    const bytes = audioBytes(format, toneSamples(sent, count, sampleRate));
    connection.send({
      type: 'response.output_audio.delta',
      ...part,
      delta: bytes.toString('base64'),
    });
    sent += count;
    tracked.audioMs = (sent * 1000) / sampleRate;
    const delta = words
      .slice(
        Math.floor((chunk * words.length) / chunks),
        Math.floor(((chunk + 1) * words.length) / chunks),
      )
      .join('');
    if (delta) {
      transcript += delta;
      connection.send({ type: 'response.output_audio_transcript.delta', ...part, delta });
    }
    await pace();
  }
  connection.send({ type: 'response.output_audio.done', ...part });
  connection.send({ type: 'response.output_audio_transcript.done', ...part, transcript });
  connection.send({
    type: 'response.content_part.done',
    ...part,
    part: { type: 'audio', transcript },
  });
  const done = {
    ...item,
    status: response.cancelReason === undefined ? 'completed' : 'incomplete',
    content: [{ type: 'output_audio', transcript }],
  };
  connection.send({
    type: 'response.output_item.done',
    response_id: response.id,
    output_index: 0,
    item: done,
  });
  connection.send({ type: 'conversation.item.done', previous_item_id: previous, item: done });
  return { item: done, audioMs: tracked.audioMs, transcript };
}

/** Samples in the session's output format: PCM16 little-endian, or G.711 bytes. */
function audioBytes(format: AudioFormat, samples: Int16Array): Buffer {
  if (format.type === 'audio/pcmu') return Buffer.from(encodeG711('mulaw', samples));
  if (format.type === 'audio/pcma') return Buffer.from(encodeG711('alaw', samples));
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i] ?? 0, i * 2);
  return bytes;
}

function callTool(
  { connection, response }: FakeSpeaker,
  name: string,
  args: string,
): Record<string, unknown> {
  const itemId = connection.context.id('item');
  const callId = connection.context.id('call');
  const previous = connection.lastItemId;
  connection.addItem(itemId, { kind: 'function_call', callId });
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'function_call',
    status: 'in_progress',
    name,
    call_id: callId,
    arguments: '',
  };
  const ids = { response_id: response.id, item_id: itemId, output_index: 0, call_id: callId };
  connection.send({
    type: 'response.output_item.added',
    response_id: response.id,
    output_index: 0,
    item,
  });
  connection.send({ type: 'conversation.item.added', previous_item_id: previous, item });
  const half = Math.floor(args.length / 2);
  for (const delta of [args.slice(0, half), args.slice(half)]) {
    if (delta) connection.send({ type: 'response.function_call_arguments.delta', ...ids, delta });
  }
  connection.send({ type: 'response.function_call_arguments.done', ...ids, name, arguments: args });
  const done = { ...item, status: 'completed', arguments: args };
  connection.send({
    type: 'response.output_item.done',
    response_id: response.id,
    output_index: 0,
    item: done,
  });
  connection.send({ type: 'conversation.item.done', previous_item_id: previous, item: done });
  return done;
}
