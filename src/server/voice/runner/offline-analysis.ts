import { mentionsPhrase } from './call-phrases.js';

/** A line of a finished call's transcript, as analysis reads it. */
export type TranscriptLine = { speaker: 'caller' | 'agent' | 'human_agent'; text: string };

export type CallAnalysis = {
  summary: string;
  intent: string;
  isUrgent: boolean;
  analyzedBy: 'openai' | 'gemini' | 'offline';
};

// Checked in order; on a tie the earlier class wins, so the more specific come first.
const INTENT_CLASSES: Array<{ label: string; keywords: string[] }> = [
  { label: 'Emergency', keywords: ['emergency', 'bleeding', 'severe pain', 'accident', 'swollen'] },
  { label: 'Cancellation', keywords: ['cancel', 'cancellation', 'call off'] },
  {
    label: 'Appointment',
    keywords: [
      'appointment',
      'book',
      'booking',
      'schedule',
      'reschedule',
      'slot',
      'availability',
      'visit',
    ],
  },
  { label: 'Pricing', keywords: ['price', 'prices', 'cost', 'how much', 'quote', 'fee', 'fees'] },
  {
    label: 'Billing',
    keywords: ['bill', 'invoice', 'payment', 'pay', 'refund', 'charge', 'charged', 'insurance'],
  },
  {
    label: 'Hours and location',
    keywords: [
      'open',
      'opening hours',
      'hours',
      'closed',
      'address',
      'location',
      'directions',
      'parking',
    ],
  },
  {
    label: 'Complaint',
    keywords: ['complaint', 'complain', 'unhappy', 'disappointed', 'terrible', 'rude', 'angry'],
  },
  {
    label: 'Speak to a person',
    keywords: [
      'speak to someone',
      'real person',
      'human',
      'manager',
      'representative',
      'staff member',
    ],
  },
  { label: 'Support', keywords: ['help', 'not working', 'broken', 'issue', 'problem', 'error'] },
];

const GENERAL_INTENT = 'General inquiry';
const SUMMARY_SENTENCES = 3;
const SUMMARY_MAX_CHARS = 600;

/**
 * The analysis when no chat model can be asked: the caller's key sentences
 * as the summary, the intent from keyword classes, urgency from the
 * configured keywords. Deterministic, so the same call always reads the same.
 */
export function analyzeOffline(lines: TranscriptLine[], urgentKeywords: string[]): CallAnalysis {
  const callerText = lines
    .filter((l) => l.speaker === 'caller')
    .map((l) => l.text)
    .join(' ');
  const intent = classifyIntent(callerText);
  return {
    summary: extractiveSummary(callerText, urgentKeywords),
    intent,
    isUrgent: hasUrgentKeyword(callerText, urgentKeywords),
    analyzedBy: 'offline',
  };
}

export function hasUrgentKeyword(text: string, urgentKeywords: string[]): boolean {
  return urgentKeywords.some((keyword) => mentionsPhrase(text, keyword));
}

export function classifyIntent(callerText: string): string {
  let best = GENERAL_INTENT;
  let bestHits = 0;
  for (const intentClass of INTENT_CLASSES) {
    const hits = intentClass.keywords.filter((k) => mentionsPhrase(callerText, k)).length;
    if (hits > bestHits) {
      best = intentClass.label;
      bestHits = hits;
    }
  }
  return best;
}

function extractiveSummary(callerText: string, urgentKeywords: string[]): string {
  const sentences = splitSentences(callerText);
  if (sentences.length === 0) return 'The caller did not say anything.';
  const keywords = [...INTENT_CLASSES.flatMap((c) => c.keywords), ...urgentKeywords];
  const scored = sentences.map((sentence, index) => ({
    sentence,
    index,
    score:
      keywords.filter((k) => mentionsPhrase(sentence, k)).length * 10 +
      Math.min(wordCount(sentence), 20) -
      (isSmallTalk(sentence) ? 25 : 0),
  }));
  const chosen = scored
    .filter((s) => wordCount(s.sentence) >= 3 || scored.length === 1)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, SUMMARY_SENTENCES)
    .sort((a, b) => a.index - b.index)
    .map((s) => s.sentence);
  const picked = chosen.length > 0 ? chosen : sentences.slice(0, 1);
  const summary = `The caller said: ${picked.map((s) => `“${s}”`).join(' ')}`;
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
