import type { CallSentiment } from '../../db/schema/calls.js';
import { type CallIntent, INTENT_KEYWORDS } from './call-intents.js';
import { mentionsPhrase } from './call-phrases.js';

/** A line of a finished call's transcript, as analysis reads it. */
export type TranscriptLine = { speaker: 'caller' | 'agent' | 'human_agent'; text: string };

export type CallAnalysis = {
  summary: string;
  intent: CallIntent;
  isUrgent: boolean;
  /** Whether the agent answered what the caller asked; null when the caller asked nothing. */
  answered: boolean | null;
  /** Whether the request was resolved; only a chat model judges it. */
  resolved: boolean | null;
  sentiment: CallSentiment | null;
  analyzedBy: 'openai' | 'gemini' | 'offline';
};

const SUMMARY_REQUESTS = 2;
const ANSWER_SENTENCES = 2;
const SUMMARY_MAX_CHARS = 600;
/** What an agent says when it could not answer: its own "I don't know", a hand-off or a message taken. */
const NOT_ANSWERED =
  /\b(couldn'?t find|could not find|don'?t know|do not know|not sure|unable to (help|answer|find)|can'?t (help|answer)|let our team know|connect you with|nobody can join|take a message|all agents are busy)\b/i;

type Sentence = { text: string; line: number; index: number };

/**
 * The analysis when no chat model can be asked: what the caller asked (their
 * sentences carrying an intent or urgency keyword, else their longest) with
 * the agent's reply to each, whether those replies answered, the intent from
 * keyword classes and urgency from the configured keywords. Deterministic,
 * so the same call always reads the same.
 */
export function analyzeOffline(lines: TranscriptLine[], urgentKeywords: string[]): CallAnalysis {
  const callerText = lines
    .filter((l) => l.speaker === 'caller')
    .map((l) => l.text)
    .join(' ');
  const requests = callerRequests(lines, urgentKeywords);
  const replies = requests.map((request) => replyTo(lines, request.line));
  return {
    summary: summaryOf(requests, replies),
    intent: classifyIntent(callerText),
    isUrgent: hasUrgentKeyword(callerText, urgentKeywords),
    answered:
      requests.length === 0 ? null : replies.every((r) => r !== null && !NOT_ANSWERED.test(r)),
    resolved: null,
    sentiment: null,
    analyzedBy: 'offline',
  };
}

export function hasUrgentKeyword(text: string, urgentKeywords: string[]): boolean {
  return urgentKeywords.some((keyword) => mentionsPhrase(text, keyword));
}

export function classifyIntent(callerText: string): CallIntent {
  let best: CallIntent = 'Other';
  let bestHits = 0;
  for (const { intent, keywords } of INTENT_KEYWORDS) {
    const hits = keywords.filter((k) => mentionsPhrase(callerText, k)).length;
    if (hits > bestHits) {
      best = intent;
      bestHits = hits;
    }
  }
  return best;
}

/** The caller's sentences that say what they wanted, in the order they said them, one per line at most. */
function callerRequests(lines: TranscriptLine[], urgentKeywords: string[]): Sentence[] {
  const keywords = [...INTENT_KEYWORDS.flatMap((c) => c.keywords), ...urgentKeywords];
  const sentences = lines.flatMap((line, lineIndex) =>
    line.speaker === 'caller'
      ? splitSentences(line.text).map((text) => ({ text, line: lineIndex }))
      : [],
  );
  const scored = sentences
    .map((sentence, index) => ({
      ...sentence,
      index,
      hits: keywords.filter((k) => mentionsPhrase(sentence.text, k)).length,
      words: wordCount(sentence.text),
    }))
    .filter((s) => !isSmallTalk(s.text) && (s.words >= 3 || sentences.length === 1));
  const withKeywords = scored.filter((s) => s.hits > 0);
  const pool = withKeywords.length > 0 ? withKeywords : scored;
  const chosen: typeof pool = [];
  for (const sentence of [...pool].sort(
    (a, b) => b.hits - a.hits || b.words - a.words || a.index - b.index,
  )) {
    if (chosen.length === SUMMARY_REQUESTS) break;
    if (!chosen.some((c) => c.line === sentence.line)) chosen.push(sentence);
  }
  return chosen.sort((a, b) => a.index - b.index);
}

/** The agent's first words after a caller's line, before the caller speaks again. */
function replyTo(lines: TranscriptLine[], callerLine: number): string | null {
  for (const line of lines.slice(callerLine + 1)) {
    if (line.speaker === 'caller') return null;
    if (line.text.trim()) return splitSentences(line.text).slice(0, ANSWER_SENTENCES).join(' ');
  }
  return null;
}

function summaryOf(requests: Sentence[], replies: Array<string | null>): string {
  if (requests.length === 0) return 'The caller did not say anything.';
  const parts = requests.map((request, i) => {
    const reply = replies[i];
    const asked = `The caller asked: “${request.text}”`;
    if (!reply) return `${asked} The call ended before an answer.`;
    if (NOT_ANSWERED.test(reply)) return `${asked} The agent could not answer: “${reply}”`;
    return `${asked} The agent answered: “${reply}”`;
  });
  const summary = parts.join(' ');
  return summary.length <= SUMMARY_MAX_CHARS
    ? summary
    : `${summary.slice(0, SUMMARY_MAX_CHARS - 1)}…`;
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

const SMALL_TALK = /^(hi|hello|hey|yes|yeah|no|ok|okay|thanks|thank you|bye|goodbye)\b/i;
const isSmallTalk = (sentence: string) => SMALL_TALK.test(sentence) && wordCount(sentence) <= 4;
