import type { IncomingHttpHeaders } from 'node:http';

/** Client → fake checks, with Google's wording where it is known (PROTOCOLS.md §2, 2.8). */

export type Json = Record<string, unknown>;

/** What one accepted WebSocket saw, for assertions. */
export type LiveConnectionRecord = {
  /** The request path as sent (the SDK sends `//ws/…`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  setup: Json | null;
  /** Every client message, setup included, in order. */
  messages: Json[];
  /** Every JSON message the fake sent on this connection, in order. */
  sent: Json[];
  audio: { samples: number; sampleRates: number[]; loudChunks: number };
  closed: { code: number; reason: string; by: 'client' | 'server' } | null;
};

/** Conversation state that survives a resumption (looked up by handle). */
export type LiveSession = { turns: number; pendingCalls: Map<string, string> };

export const PREBUILT_VOICES = new Set([
  'Zephyr',
  'Puck',
  'Charon',
  'Kore',
  'Fenrir',
  'Leda',
  'Orus',
  'Aoede',
  'Callirrhoe',
  'Autonoe',
  'Enceladus',
  'Iapetus',
  'Umbriel',
  'Algieba',
  'Despina',
  'Erinome',
  'Algenib',
  'Rasalgethi',
  'Laomedeia',
  'Achernar',
  'Alnilam',
  'Schedar',
  'Gacrux',
  'Pulcherrima',
  'Achird',
  'Zubenelgenubi',
  'Vindemiatrix',
  'Sadachbia',
  'Sadaltager',
  'Sulafat',
]);

const MESSAGE_KEYS = ['setup', 'clientContent', 'realtimeInput', 'toolResponse'];
const SETUP_KEYS = new Set([
  'model',
  'generationConfig',
  'systemInstruction',
  'tools',
  'realtimeInputConfig',
  'sessionResumption',
  'contextWindowCompression',
  'inputAudioTranscription',
  'outputAudioTranscription',
  'proactivity',
  'historyConfig',
]);
const INVALID = 'Request contains an invalid argument.';
const unknownName = (name: string, at: string) =>
  `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Null when the message is acceptable; otherwise the 1007 close reason. */
export function validateClientMessage(message: Json, setupDone: boolean): string | null {
  const keys = Object.keys(message);
  const unknown = keys.find((key) => !MESSAGE_KEYS.includes(key));
  if (unknown) return unknownName(unknown, '');
  if (keys.length !== 1) return "Invalid value (oneof), oneof field 'message_type' is already set.";
  const [key] = keys;
  if (!setupDone && key !== 'setup') return INVALID;
  if (setupDone && key === 'setup') return INVALID;
  const body = message[key as string];
  if (!isObject(body)) return INVALID;
  if (key === 'realtimeInput') {
    if ('mediaChunks' in body) {
      return 'realtime_input.media_chunks is deprecated. Use audio, video, or text instead.';
    }
    const audio = body.audio;
    if (audio !== undefined) {
      if (!isObject(audio) || typeof audio.data !== 'string') return INVALID;
      if (typeof audio.mimeType !== 'string' || !/^audio\/pcm(;rate=\d+)?$/.test(audio.mimeType)) {
        return 'Unsupported MIME type for realtime audio input.';
      }
    }
  }
  if (key === 'toolResponse') {
    const responses = body.functionResponses;
    if (!Array.isArray(responses) || responses.length === 0) return INVALID;
    for (const response of responses) {
      if (!isObject(response) || typeof response.name !== 'string') return INVALID;
      if (typeof response.id !== 'string') return 'Function response id is required.';
      if (!isObject(response.response)) return INVALID;
    }
  }
  if (key === 'clientContent' && body.turns !== undefined) {
    if (!Array.isArray(body.turns)) return INVALID;
    for (const turn of body.turns) {
      if (!isObject(turn) || !Array.isArray(turn.parts)) return INVALID;
      if (turn.role !== 'user' && turn.role !== 'model')
        return 'Please use a valid role: user, model.';
    }
  }
  return null;
}

/** Null when the setup is acceptable; otherwise how the server closes. */
export function validateSetup(
  setup: Json,
  models: string[],
): { code: number; reason: string } | null {
  const unknown = Object.keys(setup).find((key) => !SETUP_KEYS.has(key));
  if (unknown) return { code: 1007, reason: unknownName(unknown, 'setup') };
  const model = typeof setup.model === 'string' ? setup.model : '';
  if (!model.startsWith('models/') || !models.includes(model.slice('models/'.length))) {
    return {
      code: 1008,
      reason: `${model} is not found for API version v1beta, or is not supported for bidiGenerateContent.`,
    };
  }
  const generation = isObject(setup.generationConfig) ? setup.generationConfig : {};
  const modalities = generation.responseModalities;
  if (!Array.isArray(modalities) || modalities.length !== 1 || modalities[0] !== 'AUDIO') {
    return { code: 1007, reason: INVALID };
  }
  // gemini-3.8-live: thinking_level unsupported, affective dialog removed, proactive audio always on.
  if (generation.thinkingConfig !== undefined || generation.enableAffectiveDialog !== undefined) {
    return { code: 1007, reason: INVALID };
  }
  if (isObject(setup.proactivity) && setup.proactivity.proactiveAudio === false) {
    return { code: 1007, reason: INVALID };
  }
  const voice = (
    (
      (isObject(generation.speechConfig) ? generation.speechConfig.voiceConfig : undefined) as
        | Json
        | undefined
    )?.prebuiltVoiceConfig as Json | undefined
  )?.voiceName;
  if (voice !== undefined && !PREBUILT_VOICES.has(String(voice))) {
    return { code: 1007, reason: INVALID };
  }
  const instruction = setup.systemInstruction;
  if (instruction !== undefined && (!isObject(instruction) || !Array.isArray(instruction.parts))) {
    return {
      code: 1007,
      reason:
        "Invalid value at 'setup.system_instruction' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content)",
    };
  }
  const detection = isObject(setup.realtimeInputConfig)
    ? setup.realtimeInputConfig.automaticActivityDetection
    : undefined;
  if (isObject(detection)) {
    const start = detection.startOfSpeechSensitivity;
    const end = detection.endOfSpeechSensitivity;
    if (
      start !== undefined &&
      !['START_SENSITIVITY_HIGH', 'START_SENSITIVITY_LOW'].includes(String(start))
    ) {
      return { code: 1007, reason: INVALID };
    }
    if (
      end !== undefined &&
      !['END_SENSITIVITY_HIGH', 'END_SENSITIVITY_LOW'].includes(String(end))
    ) {
      return { code: 1007, reason: INVALID };
    }
  }
  return null;
}
