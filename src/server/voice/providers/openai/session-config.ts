import type { AgentSessionConfig } from '../agent-session.js';
import type { RealtimeAudioCodec } from './audio-codec.js';
import { OPENAI_VOICES, type RealtimeSessionConfig } from './wire.js';

export const DEFAULT_VOICE = 'marin';
export const DEFAULT_TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';
const MIN_SPEED = 0.25;
const MAX_SPEED = 1.5;

export type SessionConfigInput = {
  config: AgentSessionConfig;
  codec: RealtimeAudioCodec;
  transcriptionModel: string;
};

/** Whether a voice name is one OpenAI Realtime speaks with. */
export const isOpenAIVoice = (voice: string): boolean =>
  (OPENAI_VOICES as readonly string[]).includes(voice);

/** The GA `session.update` body for a call's agent config. */
export function realtimeSessionConfig({
  config,
  codec,
  transcriptionModel,
}: SessionConfigInput): RealtimeSessionConfig {
  return {
    type: 'realtime',
    instructions: config.instructions,
    output_modalities: ['audio'],
    audio: {
      input: {
        format: codec.format,
        transcription: config.inputTranscription ? { model: transcriptionModel } : null,
        turn_detection: {
          type: 'server_vad',
          threshold: config.vad.threshold,
          prefix_padding_ms: Math.round(config.vad.prefixPaddingMs),
          silence_duration_ms: Math.round(config.vad.silenceDurationMs),
          create_response: true,
          interrupt_response: true,
        },
      },
      output: {
        format: codec.format,
        // A voice of another provider (a Gemini name left in the settings)
        // would make the API refuse the whole session; the call goes on in the default.
        voice: isOpenAIVoice(config.voice) ? config.voice : DEFAULT_VOICE,
        speed: clampSpeed(config.speed),
      },
    },
    tools: config.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
    })),
    tool_choice: 'auto',
  };
}

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** The instruction that makes the model speak a given text and nothing else. */
export function sayInstructions(text: string): string {
  return `Say exactly the following text, word for word, and nothing else: "${text}"`;
}
