import { createHash } from 'node:crypto';
import type { PhraseGrammar } from '../parts.js';

/** What callers say to any business, whatever its knowledge. */
const CALLER_INTENTS = [
  'hello',
  'hi',
  'yes',
  'no',
  'yes please',
  'no thanks',
  'okay',
  'thank you',
  'thanks',
  "thanks that's all",
  "that's all",
  'goodbye',
  'bye',
  'what are your business hours',
  'what are your opening hours',
  'when are you open',
  'are you open today',
  'are you open on the weekend',
  'what time do you close',
  'where are you located',
  'what is your address',
  'how do i get there',
  'how much does it cost',
  'what are your prices',
  'can i book an appointment',
  'i want to make an appointment',
  'i want to cancel my appointment',
  'i want to talk to a person',
  'can i speak to someone',
  'talk to a human',
  'can i speak to the manager',
  'what is your phone number',
  'what is your email address',
  'can you help me',
  'i have a question',
  'what can you do',
  'can you repeat that',
  'i did not understand',
];

const QUESTION_TEMPLATES = [
  (topic: string) => `what are your ${topic}`,
  (topic: string) => `tell me about ${topic}`,
  (topic: string) => `do you have ${topic}`,
  (topic: string) => `what is ${topic}`,
];

const MAX_TOPIC_WORDS = 6;
/**
 * Bounds a large knowledge base's grammar: each phrase costs a decoder ~25 KB
 * and ~0.05 ms to compile (150 topics ≈ 640 phrases ≈ 16 MB, ~35 ms).
 */
const MAX_TOPICS = 150;

/**
 * The phrases a caller of this chatbot is likely to say: fixed intents plus
 * questions about each topic of its knowledge (document titles and headings).
 */
export function buildPhraseGrammar(input: {
  titles: string[];
  headings: string[];
  endCallPhrase: string;
}): PhraseGrammar {
  const topics = uniqueTopics([...sortedTopics(input.titles), ...sortedTopics(input.headings)]);
  const phrases = new Set<string>(CALLER_INTENTS);
  const endCall = normalisePhrase(input.endCallPhrase);
  if (endCall) phrases.add(endCall);
  for (const topic of topics) {
    for (const template of QUESTION_TEMPLATES) phrases.add(template(topic));
  }
  const sorted = [...phrases].sort();
  return { key: grammarKey(sorted), phrases: sorted };
}

/** Lower-case words of a–z and apostrophes: punctuation and accents removed, numbers dropped. */
export function normalisePhrase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .split(/[^a-z0-9']+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '' && !/\d/.test(word))
    .join(' ');
}

/** Normalised and sorted, so the same knowledge listed in another order gives the same grammar. */
function sortedTopics(texts: string[]): string[] {
  return texts
    .map(normalisePhrase)
    .filter((topic) => topic !== '' && topic.split(' ').length <= MAX_TOPIC_WORDS)
    .sort();
}

/** Titles before headings, up to MAX_TOPICS. */
function uniqueTopics(topics: string[]): string[] {
  return [...new Set(topics)].slice(0, MAX_TOPICS);
}

function grammarKey(phrases: string[]): string {
  return createHash('sha256').update(phrases.join('\n')).digest('hex').slice(0, 16);
}

/**
 * Optional words around a phrase, so "um, what are your hours please" still
 * matches. Measured on flite speech (3 voices, 16 kHz and μ-law phone audio):
 * with them 47/48 padded phrases are recognised instead of 30/48, and
 * weighting them 1 to 9 against nothing keeps bare phrases at 143/144 (an
 * unweighted filler was inserted before short words: "uh goodbye").
 */
const LEADING_FILLERS = ['um', 'uh', 'so', 'well', 'okay', 'hi', 'hello', 'yes', 'please'];
const TRAILING_FILLERS = ['please', 'thanks', 'thank you'];
const HESITATIONS = /\b(?:um|uh)\b/g;

/**
 * The phrases with only the words `isKnownWord` accepts; phrases left empty
 * are dropped. Words other than a–z and apostrophes never reach pocketsphinx:
 * some malformed grammars end the process instead of failing.
 */
export function knownPhrases(phrases: string[], isKnownWord: (word: string) => boolean): string[] {
  const kept = phrases.map((phrase) =>
    phrase
      .split(' ')
      .filter((word) => /^[a-z']+$/.test(word) && isKnownWord(word))
      .join(' '),
  );
  return [...new Set(kept)].filter(Boolean);
}

/**
 * The grammar in JSGF, as pocketsphinx's `ps_set_jsgf_string` reads it, with
 * only the words `isKnownWord` accepts (those in the recogniser's dictionary);
 * null when no phrase remains.
 */
export function toJsgf(
  grammar: PhraseGrammar,
  isKnownWord: (word: string) => boolean = () => true,
): string | null {
  const phrases = knownPhrases(grammar.phrases, isKnownWord);
  if (phrases.length === 0) return null;
  const lead = knownPhrases(LEADING_FILLERS, isKnownWord);
  const tail = knownPhrases(TRAILING_FILLERS, isKnownWord);
  const rules = ['#JSGF V1.0;', 'grammar buzzi;'];
  let utterance = `( ${phrases.join(' | ')} )`;
  if (lead.length > 0) {
    rules.push(`<lead> = ${lead.join(' | ')};`);
    utterance = `( /0.9/ <NULL> | /0.1/ <lead> ) ${utterance}`;
  }
  if (tail.length > 0) {
    rules.push(`<tail> = ${tail.join(' | ')};`);
    utterance = `${utterance} ( /0.9/ <NULL> | /0.1/ <tail> )`;
  }
  rules.push(`public <utterance> = ${utterance};`);
  return rules.join('\n');
}

/** A grammar search's hypothesis without the hesitations the grammar lets through. */
export function withoutHesitations(hypothesis: string): string {
  return hypothesis.replace(HESITATIONS, ' ').replace(/\s+/g, ' ').trim();
}
