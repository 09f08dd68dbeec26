import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChatModel } from '../../chat/chat-model.js';
import { CALL_INTENTS, isCallIntent } from './call-intents.js';
import { safeError } from './log-safe.js';
import {
  analyzeOffline,
  type CallAnalysis,
  hasUrgentKeyword,
  type TranscriptLine,
} from './offline-analysis.js';

export type PostCallInput = {
  callId: string;
  lines: TranscriptLine[];
  urgentKeywords: string[];
  /** The chatbot's chat model; null when none is configured or its provider has no key. */
  model: ChatModel | null;
  logger: Logger;
  timeoutMs?: number;
};

const ANALYSIS_TIMEOUT_MS = 30_000;
const SUMMARY_MAX_CHARS = 2000;

const SYSTEM_PROMPT = `You review a finished phone call between a caller and a business's AI assistant.
Reply with one JSON object and nothing else:
{"summary": "two or three sentences on what the caller wanted and what was agreed or left open",
 "intent": one of ${CALL_INTENTS.map((intent) => `"${intent}"`).join(', ')},
 "urgent": true or false — true only when the caller needs help quickly (a medical or safety emergency, severe pain, something broken that stops them working),
 "answered": true or false — did the assistant answer what the caller asked,
 "resolved": true or false — did the caller leave with their request done or clearly on its way,
 "sentiment": "positive", "neutral" or "negative" — the caller's mood}
Write the summary in the language of the call.`;

const modelAnswer = z.object({
  summary: z.string().trim().min(1),
  // A model that names an intent outside the set still files the call, under Other.
  intent: z
    .string()
    .trim()
    .transform((intent) => (isCallIntent(intent) ? intent : 'Other')),
  urgent: z.boolean(),
  answered: z.boolean().nullable().default(null),
  resolved: z.boolean().nullable().default(null),
  sentiment: z.enum(['positive', 'neutral', 'negative']).nullable().catch(null).default(null),
});

/**
 * Summary, intent and urgency of a finished call, from the chatbot's chat
 * model when there is one, otherwise (or when it fails) from the offline
 * analysis. The configured urgent keywords mark a call urgent whatever the
 * model thinks.
 */
export async function analyzeCall(input: PostCallInput): Promise<CallAnalysis> {
  const offline = analyzeOffline(input.lines, input.urgentKeywords);
  const spoken = input.lines.filter((l) => l.text.trim());
  if (!input.model || !spoken.some((l) => l.speaker === 'caller')) return offline;
  try {
    const answer = await askModel(input.model, spoken, input.timeoutMs ?? ANALYSIS_TIMEOUT_MS);
    const callerText = spoken
      .filter((l) => l.speaker === 'caller')
      .map((l) => l.text)
      .join(' ');
    return {
      summary: answer.summary.slice(0, SUMMARY_MAX_CHARS),
      intent: answer.intent,
      isUrgent: answer.urgent || hasUrgentKeyword(callerText, input.urgentKeywords),
      answered: answer.answered,
      resolved: answer.resolved,
      sentiment: answer.sentiment,
      analyzedBy: input.model.provider,
    };
  } catch (err) {
    input.logger.warn(
      { provider: input.model.provider, err: safeError(err) },
      'post-call analysis by the chat model failed; using the offline analysis',
    );
    return offline;
  }
}

async function askModel(model: ChatModel, lines: TranscriptLine[], timeoutMs: number) {
  const transcript = lines
    .map((l) => `${l.speaker === 'caller' ? 'Caller' : 'Assistant'}: ${l.text}`)
    .join('\n');
  let text = '';
  for await (const event of model.stream({
    systemPrompt: SYSTEM_PROMPT,
    messages: [{ role: 'user', content: `The call transcript:\n${transcript}` }],
    tools: [],
    toolChoice: 'none',
    signal: AbortSignal.timeout(timeoutMs),
  })) {
    if (event.type === 'text') text += event.delta;
  }
  return modelAnswer.parse(JSON.parse(jsonObjectIn(text)));
}

/** The JSON object of an answer, without the code fences models like to add. */
function jsonObjectIn(text: string): string {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('the model answered without a JSON object');
  return text.slice(start, end + 1);
}
