import type { AgentSessionConfig } from '../agent-session.js';
import type { EndSensitivity, SetupMessage, StartSensitivity } from './wire.js';

/**
 * Gemini's activity detection has no numeric threshold, only a HIGH/LOW
 * sensitivity for the start and for the end of speech. Our 0–1 threshold
 * (OpenAI semantics: higher = louder audio needed to count as speech) maps
 * onto them in three bands:
 * - below 0.35 — quiet callers: start HIGH (soft speech counts), end LOW
 *   (a soft trailing voice does not end the turn early);
 * - 0.35–0.65, around the 0.5 default — the Developer API defaults, HIGH/HIGH;
 * - above 0.65 — noisy lines or echo: start LOW (noise does not barge in),
 *   end HIGH (noise does not stretch the caller's turn).
 */
export function activitySensitivity(threshold: number): {
  start: StartSensitivity;
  end: EndSensitivity;
} {
  if (threshold < 0.35) return { start: 'START_SENSITIVITY_HIGH', end: 'END_SENSITIVITY_LOW' };
  if (threshold > 0.65) return { start: 'START_SENSITIVITY_LOW', end: 'END_SENSITIVITY_HIGH' };
  return { start: 'START_SENSITIVITY_HIGH', end: 'END_SENSITIVITY_HIGH' };
}

/**
 * Gemini Live has no speech-rate setting, so a clearly slower or faster speed
 * becomes a line in the instructions instead of being dropped silently.
 */
export function paceInstruction(speed: number): string | null {
  if (speed <= 0.85) return 'Speak slowly and calmly.';
  if (speed >= 1.15) return 'Speak at a brisk, quick pace.';
  return null;
}

export function buildSetup(
  model: string,
  config: AgentSessionConfig,
  resumptionHandle: string | null,
): SetupMessage {
  const sensitivity = activitySensitivity(config.vad.threshold);
  const pace = paceInstruction(config.speed);
  const instructions = pace ? `${config.instructions}\n\n${pace}` : config.instructions;
  return {
    setup: {
      model: `models/${model}`,
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: config.voice } } },
      },
      systemInstruction: { role: 'user', parts: [{ text: instructions }] },
      ...(config.tools.length > 0
        ? {
            tools: [
              {
                functionDeclarations: config.tools.map((tool) => ({
                  name: tool.name,
                  description: tool.description,
                  parametersJsonSchema: tool.parameters,
                })),
              },
            ],
          }
        : {}),
      realtimeInputConfig: {
        // Gemini reads prefixPaddingMs as how much speech must be heard before a start
        // counts (OpenAI: how much audio before the start to keep); both trade false
        // starts against latency, so the call's value passes through.
        automaticActivityDetection: {
          disabled: false,
          startOfSpeechSensitivity: sensitivity.start,
          endOfSpeechSensitivity: sensitivity.end,
          prefixPaddingMs: Math.round(config.vad.prefixPaddingMs),
          silenceDurationMs: Math.round(config.vad.silenceDurationMs),
        },
        activityHandling: 'START_OF_ACTIVITY_INTERRUPTS',
      },
      ...(config.inputTranscription ? { inputAudioTranscription: {} } : {}),
      // Always on: the call record needs the agent's words and Gemini sends no text otherwise.
      outputAudioTranscription: {},
      sessionResumption: resumptionHandle ? { handle: resumptionHandle } : {},
      // Audio-only sessions end after about 15 min without it (context ~128k tokens).
      contextWindowCompression: { slidingWindow: {} },
    },
  };
}

/** The clientContent turn behind say(): Gemini has no "speak this text" call, so we ask for it. */
export function sayInstruction(text: string): string {
  return `Say exactly the following text, word for word, and nothing else:\n${text}`;
}
