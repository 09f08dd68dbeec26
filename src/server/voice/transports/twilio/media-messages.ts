import { z } from 'zod';
import { hasNoEscape, isBase64, stringField } from '../../audio/wire-text.js';

// Twilio Media Streams messages (bidirectional `<Connect><Stream>`), after
// twilio.com/docs/voice/media-streams/websocket-messages. Twilio adds fields
// freely, so unknown ones are ignored.

/** A 20 ms inbound chunk is 160 bytes; one second of audio is far more than Twilio sends at once. */
const MAX_PAYLOAD_BYTES = 8000;
const MAX_PAYLOAD_CHARS = Math.ceil(MAX_PAYLOAD_BYTES / 3) * 4;
/** The largest message: a `start` with its custom parameters, or a media message. */
export const MAX_MESSAGE_CHARS = 16 * 1024;

const startSchema = z.object({
  event: z.literal('start'),
  start: z.object({
    streamSid: z.string().min(1).max(64),
    accountSid: z.string().min(1).max(64),
    callSid: z.string().min(1).max(64),
    customParameters: z.record(z.string(), z.string().max(1024)).default({}),
    mediaFormat: z.object({ encoding: z.string(), sampleRate: z.number() }).partial().optional(),
  }),
});

const controlSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('connected') }),
  startSchema,
  z.object({ event: z.literal('mark'), mark: z.object({ name: z.string().max(64) }) }),
  z.object({
    event: z.literal('dtmf'),
    dtmf: z.object({ digit: z.string().regex(/^[0-9*#A-D]$/) }),
  }),
  z.object({ event: z.literal('stop') }),
]);

export type StreamStart = z.infer<typeof startSchema>['start'];

/** One message from Twilio, classified. */
export type TwilioMessage =
  /** Caller audio: μ-law as the payload's base64 text (checked to be base64). */
  | { kind: 'media'; payload: string }
  /** Audio of a track other than the caller's (a `both_tracks` stream): not ours to hear. */
  | { kind: 'other-track' }
  | { kind: 'connected' }
  | { kind: 'start'; start: StreamStart }
  | { kind: 'mark'; name: string }
  | { kind: 'dtmf'; digit: string }
  | { kind: 'stop' }
  | { kind: 'invalid'; problem: string };

const invalid = (problem: string): TwilioMessage => ({ kind: 'invalid', problem });

/**
 * Parses one text message. `media` and the echoes of our marks (fifty a
 * second each per call) are read by hand; the rare control messages go
 * through their schemas.
 */
export function parseTwilioMessage(text: string): TwilioMessage {
  if (text.length > MAX_MESSAGE_CHARS) return invalid('message_too_large');
  const frequent = frequentByHand(text);
  if (frequent) return frequent;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('invalid_json');
  }
  if (typeof value !== 'object' || value === null) return invalid('not_an_object');
  const { event } = value as { event?: unknown };
  if (event === 'media') {
    const { payload, track } = ((value as { media?: unknown }).media ?? {}) as {
      payload?: unknown;
      track?: unknown;
    };
    return mediaOf(payload, track);
  }
  const parsed = controlSchema.safeParse(value);
  if (!parsed.success) {
    return invalid(typeof event === 'string' ? `invalid_${event}` : 'unknown_message');
  }
  const message = parsed.data;
  switch (message.event) {
    case 'start':
      return { kind: 'start', start: message.start };
    case 'mark':
      return { kind: 'mark', name: message.mark.name };
    case 'dtmf':
      return { kind: 'dtmf', digit: message.dtmf.digit };
    default:
      return { kind: message.event };
  }
}

function mediaOf(payload: unknown, track: unknown): TwilioMessage {
  if (typeof payload !== 'string' || payload.length === 0) return invalid('invalid_media');
  if (payload.length > MAX_PAYLOAD_CHARS) return invalid('media_too_large');
  if (track !== undefined && track !== 'inbound') return { kind: 'other-track' };
  return isBase64(payload) ? { kind: 'media', payload } : invalid('invalid_media');
}

const MEDIA_PREFIX = '{"event":"media",';
const MARK_PREFIX = '{"event":"mark",';
/** Our mark names: the byte position the mark follows. */
const MARK_NAME = /^[0-9]{1,15}$/;

/**
 * A `media` or `mark` message as Twilio sends them (event first, no escape,
 * the fields read as plain strings), read without JSON.parse; null for
 * anything else, which then goes through JSON.parse.
 */
function frequentByHand(text: string): TwilioMessage | null {
  const media = text.startsWith(MEDIA_PREFIX);
  if (!media && !text.startsWith(MARK_PREFIX)) return null;
  if (!text.endsWith('}') || !hasNoEscape(text)) return null;
  if (media) {
    const payload = stringField(text, 'payload');
    const track = stringField(text, 'track');
    if (typeof payload !== 'string' || track === null) return null;
    return mediaOf(payload, track);
  }
  const name = stringField(text, 'name');
  return typeof name === 'string' && MARK_NAME.test(name) ? { kind: 'mark', name } : null;
}

/** Builds what we send on one stream; the stream id is JSON-encoded once. */
export class StreamMessages {
  readonly #sid: string;

  constructor(streamSid: string) {
    this.#sid = JSON.stringify(streamSid);
  }

  /** Agent audio: base64 μ-law at 8 kHz (base64 needs no JSON escaping). */
  media(payload: string): string {
    return `{"event":"media","streamSid":${this.#sid},"media":{"payload":"${payload}"}}`;
  }

  /** Twilio echoes the mark once the audio sent before it has played (or was cleared). */
  mark(name: string): string {
    return `{"event":"mark","streamSid":${this.#sid},"mark":{"name":${JSON.stringify(name)}}}`;
  }

  /** Drops every bit of audio Twilio holds for playback. */
  clear(): string {
    return `{"event":"clear","streamSid":${this.#sid}}`;
  }
}
