import { z } from 'zod';
import { pcm16FromBytes } from '../../audio/pcm.js';

/** Longest agent audio a client may report as played: a call never lasts a day. */
const MAX_PLAYED_MS = 24 * 3600_000;
/** Control messages are a few dozen bytes; anything longer is not one. */
const MAX_TEXT_FRAME_CHARS = 1024;

const controlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mute') }),
  z.object({ type: z.literal('unmute') }),
  z.object({ type: z.literal('end') }),
  z.object({
    type: z.literal('playback'),
    playedMs: z.number().finite().min(0).max(MAX_PLAYED_MS),
  }),
]);

export type ClientControl = z.infer<typeof controlSchema>;

export type FrameProblem =
  | 'frame_too_large'
  | 'frame_empty'
  | 'frame_misaligned'
  | 'invalid_json'
  | 'unknown_message'
  | 'invalid_message';

/** One WebSocket message from the browser, classified. */
export type ClientFrame =
  | { kind: 'audio'; samples: Int16Array }
  | { kind: 'control'; control: ClientControl }
  | { kind: 'invalid'; problem: FrameProblem; message: string };

const KNOWN_TYPES = new Set(['mute', 'unmute', 'end', 'playback']);

const invalid = (problem: FrameProblem, message: string): ClientFrame => ({
  kind: 'invalid',
  problem,
  message,
});

/** Binary frames are caller audio: PCM16 LE mono, at most `maxAudioBytes` (1 s) each. */
export function parseAudioFrame(bytes: Buffer, maxAudioBytes: number): ClientFrame {
  if (bytes.length === 0) return invalid('frame_empty', 'Audio frames must not be empty');
  if (bytes.length > maxAudioBytes) {
    return invalid('frame_too_large', `Audio frames may carry at most ${maxAudioBytes} bytes`);
  }
  if (bytes.length % 2 !== 0) {
    return invalid('frame_misaligned', 'Audio frames must hold whole 16-bit samples');
  }
  return { kind: 'audio', samples: pcm16FromBytes(bytes) };
}

/** Text frames are JSON control messages. */
export function parseControlFrame(text: string): ClientFrame {
  if (text.length > MAX_TEXT_FRAME_CHARS) {
    return invalid(
      'invalid_message',
      `Text frames may carry at most ${MAX_TEXT_FRAME_CHARS} characters`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('invalid_json', 'Text frames must be JSON');
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    return invalid('unknown_message', 'Unknown message type');
  }
  const parsed = controlSchema.safeParse(value);
  if (!parsed.success) return invalid('invalid_message', `Invalid "${type}" message`);
  return { kind: 'control', control: parsed.data };
}

/** Normalizes what `ws` hands a message listener into one buffer. */
export function bytesOf(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
