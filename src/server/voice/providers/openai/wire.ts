import { z } from 'zod';
import { hasNoEscape, isBase64, stringField } from '../../audio/wire-text.js';

// The GA Realtime API's events that this provider sends and reads, after the
// openai-node v6 types (resources/realtime/realtime.d.ts). Server events are
// parsed leniently (unknown fields dropped) because the API adds fields freely.

export const audioFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('audio/pcm'), rate: z.literal(24000) }),
  z.object({ type: z.literal('audio/pcmu') }),
  z.object({ type: z.literal('audio/pcma') }),
]);
export type AudioFormat = z.infer<typeof audioFormatSchema>;

export const OPENAI_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;

const serverVadSchema = z.object({
  type: z.literal('server_vad'),
  threshold: z.number().min(0).max(1),
  prefix_padding_ms: z.number().int().min(0),
  silence_duration_ms: z.number().int().min(0),
  create_response: z.boolean(),
  interrupt_response: z.boolean(),
});

const functionToolSchema = z.object({
  type: z.literal('function'),
  name: z.string(),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});

export const realtimeSessionSchema = z.object({
  type: z.literal('realtime'),
  instructions: z.string(),
  output_modalities: z.tuple([z.literal('audio')]),
  audio: z.object({
    input: z.object({
      format: audioFormatSchema,
      transcription: z.object({ model: z.string() }).nullable(),
      turn_detection: serverVadSchema,
    }),
    output: z.object({
      format: audioFormatSchema,
      voice: z.string(),
      speed: z.number().min(0.25).max(1.5),
    }),
  }),
  tools: z.array(functionToolSchema),
  tool_choice: z.literal('auto'),
});
export type RealtimeSessionConfig = z.infer<typeof realtimeSessionSchema>;

// --- client events ---------------------------------------------------------

export const clientEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.update'), session: realtimeSessionSchema }),
  z.object({ type: z.literal('input_audio_buffer.append'), audio: z.base64() }),
  z.object({
    type: z.literal('response.create'),
    event_id: z.string(),
    response: z.object({
      instructions: z.string().optional(),
      metadata: z.record(z.string(), z.string()),
    }),
  }),
  z.object({ type: z.literal('response.cancel'), response_id: z.string().optional() }),
  z.object({
    type: z.literal('conversation.item.create'),
    item: z.union([
      z.object({
        type: z.literal('function_call_output'),
        call_id: z.string(),
        output: z.string(),
      }),
      z.object({
        type: z.literal('message'),
        role: z.literal('user'),
        content: z.array(z.object({ type: z.literal('input_text'), text: z.string() })),
      }),
    ]),
  }),
  z.object({
    type: z.literal('conversation.item.truncate'),
    item_id: z.string(),
    content_index: z.literal(0),
    audio_end_ms: z.number().int().min(0),
  }),
]);
export type ClientEvent = z.infer<typeof clientEventSchema>;
export type ResponseCreateEvent = Extract<ClientEvent, { type: 'response.create' }>;

// --- server events ---------------------------------------------------------

const usageSchema = z.object({
  input_tokens: z.number().optional(),
  output_tokens: z.number().optional(),
});

const responseSchema = z.object({
  id: z.string(),
  status: z.enum(['completed', 'cancelled', 'failed', 'incomplete', 'in_progress']).optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
  usage: usageSchema.nullish(),
});

const errorSchema = z.object({
  type: z.string(),
  code: z.string().nullish(),
  message: z.string(),
  event_id: z.string().nullish(),
});

const responsePartSchema = {
  response_id: z.string(),
  item_id: z.string(),
};

export const serverEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.created') }),
  z.object({ type: z.literal('session.updated') }),
  z.object({ type: z.literal('error'), error: errorSchema }),
  z.object({ type: z.literal('input_audio_buffer.speech_started') }),
  z.object({ type: z.literal('input_audio_buffer.speech_stopped') }),
  z.object({ type: z.literal('response.created'), response: responseSchema }),
  z.object({ type: z.literal('response.done'), response: responseSchema }),
  z.object({
    type: z.literal('response.output_audio.delta'),
    ...responsePartSchema,
    delta: z.base64(),
  }),
  z.object({
    type: z.literal('response.output_audio_transcript.delta'),
    ...responsePartSchema,
    delta: z.string(),
  }),
  z.object({
    type: z.literal('response.output_audio_transcript.done'),
    ...responsePartSchema,
    transcript: z.string(),
  }),
  z.object({
    type: z.literal('conversation.item.input_audio_transcription.delta'),
    item_id: z.string(),
    delta: z.string().optional(),
  }),
  z.object({
    type: z.literal('conversation.item.input_audio_transcription.completed'),
    item_id: z.string(),
    transcript: z.string(),
  }),
  z.object({
    type: z.literal('response.function_call_arguments.done'),
    ...responsePartSchema,
    call_id: z.string(),
    name: z.string(),
    arguments: z.string(),
  }),
]);
export type ServerEvent = z.infer<typeof serverEventSchema>;

const handledServerEventTypes: ReadonlySet<string> = new Set(
  serverEventSchema.options.map((option) => option.shape.type.value),
);

export type ParsedServerEvent =
  | { kind: 'event'; event: ServerEvent }
  /** `response.output_audio.delta`, its audio the delta's base64 text (checked to be base64). */
  | { kind: 'audio'; responseId: string; itemId: string; audio: string }
  /** A valid event this provider has no use for (rate limits, item lifecycle…). */
  | { kind: 'ignored' }
  | { kind: 'malformed'; reason: string };

const AUDIO_DELTA = 'response.output_audio.delta';
const AUDIO_DELTA_MALFORMED = {
  kind: 'malformed',
  reason: `unexpected shape of ${AUDIO_DELTA}`,
} as const;

/**
 * Audio deltas are most of the traffic (one per 20–100 ms of speech on every
 * call), so they are checked by hand instead of by the general validator.
 * Their audio stays base64 text: a μ-law phone line sends it on as it is.
 */
function audioDelta(responseId: unknown, itemId: unknown, delta: unknown): ParsedServerEvent {
  if (typeof responseId !== 'string' || typeof itemId !== 'string') return AUDIO_DELTA_MALFORMED;
  if (typeof delta !== 'string' || !isBase64(delta)) return AUDIO_DELTA_MALFORMED;
  return { kind: 'audio', responseId, itemId, audio: delta };
}

const AUDIO_DELTA_PREFIX = `{"type":"${AUDIO_DELTA}",`;

/**
 * An audio delta read without JSON.parse when it is the flat event the API
 * sends (type first, no nested object, no escape, its fields as plain
 * strings); null for anything else, which then goes through JSON.parse.
 */
function audioDeltaByHand(text: string): ParsedServerEvent | null {
  if (!text.startsWith(AUDIO_DELTA_PREFIX) || !text.endsWith('}')) return null;
  if (!hasNoEscape(text) || text.indexOf('{', 1) >= 0) return null;
  const responseId = stringField(text, 'response_id');
  const itemId = stringField(text, 'item_id');
  const delta = stringField(text, 'delta');
  if (typeof responseId !== 'string' || typeof itemId !== 'string') return null;
  return typeof delta === 'string' ? audioDelta(responseId, itemId, delta) : null;
}

/**
 * `input_audio_buffer.append` as text, built without a general JSON
 * serialisation of the audio (base64 never needs escaping).
 */
export function audioAppendEvent(base64Audio: string): string {
  return `{"type":"input_audio_buffer.append","audio":"${base64Audio}"}`;
}

/** Parses one text frame from the server. */
export function parseServerEvent(text: string): ParsedServerEvent {
  const delta = audioDeltaByHand(text);
  if (delta) return delta;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') return { kind: 'malformed', reason: 'no event type' };
  if (!handledServerEventTypes.has(type)) return { kind: 'ignored' };
  if (type === AUDIO_DELTA) {
    const { response_id, item_id, delta } = json as Record<string, unknown>;
    return audioDelta(response_id, item_id, delta);
  }
  const parsed = serverEventSchema.safeParse(json);
  if (!parsed.success) return { kind: 'malformed', reason: `unexpected shape of ${type}` };
  return { kind: 'event', event: parsed.data };
}

/** A function call's `arguments` text as an object; undefined when it is not a JSON object. */
export function parseToolArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
