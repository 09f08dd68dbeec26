import { z } from 'zod';

/**
 * The slice of the Gemini Live (BidiGenerateContent) protocol this provider
 * speaks, as the Developer API puts it on the wire (camelCase JSON, one
 * top-level key per client message). Sources: js-genai `src/live.ts`,
 * `src/types.ts` and its recorded `live_*.websocket.log` frames; see
 * /work/shared/docs/PROTOCOLS.md §2. Server messages are validated with zod
 * on arrival; client messages are only typed, as we build them ourselves.
 */

export const LIVE_WS_PATH =
  'ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

/** Gemini Live always answers in 24 kHz PCM16 and natively listens at 16 kHz. */
export const GEMINI_OUTPUT_SAMPLE_RATE = 24_000;
export const GEMINI_INPUT_SAMPLE_RATE = 16_000;
export const pcmMimeType = (sampleRate: number) => `audio/pcm;rate=${sampleRate}`;

// ── client → server ────────────────────────────────────────────────────────

export type StartSensitivity = 'START_SENSITIVITY_HIGH' | 'START_SENSITIVITY_LOW';
export type EndSensitivity = 'END_SENSITIVITY_HIGH' | 'END_SENSITIVITY_LOW';

export type TextContent = { role: 'user' | 'model'; parts: Array<{ text: string }> };

export type FunctionDeclaration = {
  name: string;
  description: string;
  /** JSON Schema as is; `parameters` would need Gemini's OpenAPI subset. */
  parametersJsonSchema: Record<string, unknown>;
};

export type SetupMessage = {
  setup: {
    model: `models/${string}`;
    generationConfig: {
      responseModalities: ['AUDIO'];
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: string } } };
    };
    systemInstruction: TextContent;
    tools?: Array<{ functionDeclarations: FunctionDeclaration[] }>;
    realtimeInputConfig: {
      automaticActivityDetection: {
        disabled: false;
        startOfSpeechSensitivity: StartSensitivity;
        endOfSpeechSensitivity: EndSensitivity;
        prefixPaddingMs: number;
        silenceDurationMs: number;
      };
      activityHandling: 'START_OF_ACTIVITY_INTERRUPTS';
    };
    inputAudioTranscription?: Record<string, never>;
    outputAudioTranscription: Record<string, never>;
    /** An empty object asks for handles; `handle` resumes an earlier session. */
    sessionResumption: { handle?: string };
    contextWindowCompression: { slidingWindow: Record<string, never> };
  };
};

export type RealtimeAudioMessage = {
  realtimeInput: { audio: { data: string; mimeType: string } };
};

export type ClientContentMessage = {
  clientContent: { turns: TextContent[]; turnComplete: boolean };
};

export type ToolResponseMessage = {
  toolResponse: {
    functionResponses: Array<{ id: string; name: string; response: { output: string } }>;
  };
};

export type ClientMessage =
  | SetupMessage
  | RealtimeAudioMessage
  | ClientContentMessage
  | ToolResponseMessage;

// ── server → client ────────────────────────────────────────────────────────

// Loose objects: Google adds fields often, and an unknown field must not turn a
// good frame into an error.
const transcriptionSchema = z.looseObject({
  text: z.string().optional(),
  finished: z.boolean().optional(),
});

const partSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  inlineData: z.looseObject({ mimeType: z.string(), data: z.string() }).optional(),
});

export const serverContentSchema = z.looseObject({
  modelTurn: z.looseObject({ parts: z.array(partSchema).optional() }).optional(),
  generationComplete: z.boolean().optional(),
  turnComplete: z.boolean().optional(),
  interrupted: z.boolean().optional(),
  inputTranscription: transcriptionSchema.optional(),
  outputTranscription: transcriptionSchema.optional(),
});

const functionCallSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  args: z.record(z.string(), z.unknown()).optional(),
});

const modalityTokensSchema = z.array(
  z.looseObject({ modality: z.string().optional(), tokenCount: z.number().optional() }),
);

export const usageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().optional(),
  responseTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  toolUsePromptTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
  promptTokensDetails: modalityTokensSchema.optional(),
  responseTokensDetails: modalityTokensSchema.optional(),
});

/** One server frame; it may carry several of these keys at once (e.g. turnComplete + usage). */
export const serverMessageSchema = z.looseObject({
  setupComplete: z.looseObject({}).optional(),
  serverContent: serverContentSchema.optional(),
  toolCall: z.looseObject({ functionCalls: z.array(functionCallSchema).optional() }).optional(),
  toolCallCancellation: z.looseObject({ ids: z.array(z.string()).optional() }).optional(),
  usageMetadata: usageMetadataSchema.optional(),
  /** `timeLeft` is a protobuf Duration string such as "50s". */
  goAway: z.looseObject({ timeLeft: z.string().optional() }).optional(),
  sessionResumptionUpdate: z
    .looseObject({ newHandle: z.string().optional(), resumable: z.boolean().optional() })
    .optional(),
});

export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerContent = z.infer<typeof serverContentSchema>;
export type UsageMetadata = z.infer<typeof usageMetadataSchema>;

export type ParsedFrame = { ok: true; message: ServerMessage } | { ok: false; problem: string };

/** Text or binary frame → a validated message; never throws (a bad frame is the server's bug, not ours). */
export function parseServerFrame(data: Buffer | ArrayBuffer | Buffer[]): ParsedFrame {
  const bytes = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data);
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'frame is not JSON' };
  }
  const parsed = serverMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `unexpected frame shape at ${issue?.path.join('.') || 'root'}` };
  }
  return { ok: true, message: parsed.data };
}
