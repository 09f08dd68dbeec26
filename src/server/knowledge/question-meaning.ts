import {
  COMMON_WORDS,
  FILLER_WORDS,
  IRREGULAR_FORMS,
  NARROWER_WORDS,
  PHRASES,
  SYNONYM_GROUPS,
} from './related-words.js';
import { wordStem } from './word-stem.js';

/** The kind of fact a question asks for, which an answering sentence should carry. */
export type FactKind =
  | 'price'
  | 'duration'
  | 'time'
  | 'phone'
  | 'place'
  | 'age'
  | 'frequency'
  | 'count';

/** One thing a question is about: the caller's word and the words that mean it too. */
export type QuestionConcept = {
  /** The caller's word or phrase, with its base form when irregular. */
  words: string[];
  /** Words and phrases a text may use for it instead. */
  related: string[];
  /** 1 for what the question is about; less for what only its form implies ("how much" → prices). */
  weight: number;
};

export type QuestionMeaning = { concepts: QuestionConcept[]; asks: FactKind[] };

/** Below a topic word: the question's form says what kind of fact is wanted, not which. */
export const FORM_WEIGHT = 0.4;

const FORMS: ReadonlyArray<{ pattern: RegExp; asks: FactKind[]; related: readonly string[] }> = [
  {
    pattern:
      /\bhow (?:long|soon|quickly|fast)\b|\bhow much time\b|\bhow many (?:minutes|hours|days|weeks|months|years)\b/g,
    asks: ['duration'],
    related: ['minutes', 'hours', 'days', 'weeks', 'months', 'years'],
  },
  {
    pattern: /\bhow (?:often|frequently)\b/g,
    asks: ['frequency'],
    related: ['every', 'once', 'twice', 'annual', 'yearly'],
  },
  { pattern: /\bhow old\b|\b(?:at )?what age\b/g, asks: ['age'], related: ['age', 'old'] },
  { pattern: /\bhow many\b/g, asks: ['count'], related: [] },
  {
    pattern: /\bhow much\b|\bwhat do(?:es)? (?:you|it) charge\b/g,
    asks: ['price'],
    related: [
      'price',
      'cost',
      'fee',
      'charge',
      'chf',
      'eur',
      'euros',
      'pounds',
      'dollars',
      'gbp',
      'usd',
    ],
  },
  {
    pattern: /\bwhat time\b|\bwhat hours\b|\bby when\b|\buntil when\b/g,
    asks: ['time'],
    related: ['hours', 'open', 'am', 'pm'],
  },
  { pattern: /\bwhen\b/g, asks: ['time', 'duration', 'age'], related: [] },
  {
    pattern:
      /\b(?:do|will|would) (?:i|we) (?:have|need) to pay(?: anything)?(?: for)?\b|\bis (?:it|that|this|there a charge|there a fee) free\b/g,
    asks: ['price'],
    related: ['free', 'charge', 'cost', 'price', 'fee', 'pay', 'payment'],
  },
  {
    pattern: /\bwhere\b|\bhow (?:do|can) (?:i|we) (?:get|find)\b/g,
    asks: ['place'],
    related: ['address', 'street', 'road', 'located', 'floor', 'opposite'],
  },
  {
    pattern: /\bwho (?:do|can|should) (?:i|we) (?:call|ring|phone|contact)\b/g,
    asks: ['phone'],
    related: ['phone', 'call'],
  },
];

/** Words that say which fact is wanted wherever they stand in the question. */
const KIND_WORDS: ReadonlyArray<{ pattern: RegExp; asks: FactKind }> = [
  {
    pattern:
      /\b(?:price|prices|cost|costs|fee|fees|charge|charges|rate|rates|expensive|cheap|pay|free)\b/,
    asks: 'price',
  },
  { pattern: /\b(?:number|phone|telephone|ring|call)\b/, asks: 'phone' },
  { pattern: /\b(?:address|located|location|directions)\b/, asks: 'place' },
  { pattern: /\b(?:hours|open|opening|close|closing|shut)\b/, asks: 'time' },
];

/** Numbers and units describe the caller's case ("my puppy is two months old"), not the topic. */
const VALUE_WORD =
  /^(?:\d+(?:[.,:]\d+)?(?:st|nd|rd|th|am|pm)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|half|minutes?|days?|weeks?|months?|years?|old|first|second|third)$/;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

type Entry = { phrase: string; group: readonly string[] };

const groupsByStem = new Map<string, Set<string>>();
const multiWordMembers: Entry[] = [];
for (const group of SYNONYM_GROUPS) {
  for (const member of group) {
    const key = stemKey(member);
    const known = groupsByStem.get(key) ?? new Set<string>();
    for (const other of group) known.add(other);
    groupsByStem.set(key, known);
    if (member.includes(' ')) multiWordMembers.push({ phrase: member, group });
  }
}
// Longest first, so "free of charge" is taken before "no charge" could split it.
multiWordMembers.sort((a, b) => b.phrase.length - a.phrase.length);

function stemKey(text: string): string {
  return text.split(/\s+/).map(wordStem).join(' ');
}

/** Words and phrases that may stand for `word` in a text: its synonyms and narrower words. */
export function relatedWords(word: string): string[] {
  const related = new Set<string>([
    ...(groupsByStem.get(stemKey(word)) ?? []),
    ...(NARROWER_WORDS[word] ?? []),
  ]);
  const irregular = IRREGULAR_FORMS[word];
  related.delete(word);
  if (irregular) related.delete(irregular);
  return [...related];
}

/**
 * What a question is about, as concepts a passage can match: the caller's
 * topic words with their synonyms, what the caller's phrasings mean in a
 * business's words, and what the question's form asks for ("how much" asks
 * for a price, "how long" for a duration).
 */
export function questionMeaning(question: string): QuestionMeaning {
  let text = ` ${question.toLowerCase().replace(/[’‘]/g, "'")} `;
  const concepts: QuestionConcept[] = [];
  const asks = new Set<FactKind>();

  for (const form of FORMS) {
    text = text.replace(form.pattern, () => {
      for (const kind of form.asks) asks.add(kind);
      if (form.related.length > 0) {
        concepts.push({ words: [], related: [...form.related], weight: FORM_WEIGHT });
      }
      return ' ';
    });
  }
  for (const { pattern, asks: kind } of KIND_WORDS) {
    if (!pattern.test(text) || asks.has(kind)) continue;
    asks.add(kind);
    const related = FORMS.find((form) => form.asks[0] === kind)?.related ?? [];
    if (related.length > 0)
      concepts.push({ words: [], related: [...related], weight: FORM_WEIGHT });
  }

  const topic = (words: readonly string[], weight = 1) =>
    concepts.push({
      words: [...words],
      related: [...new Set(words.flatMap(relatedWords))].filter((w) => !words.includes(w)),
      weight,
    });
  for (const phrase of PHRASES) {
    text = text.replace(phrase.pattern, () => {
      for (const word of phrase.words) topic([word]);
      return ' ';
    });
  }
  for (const { phrase } of multiWordMembers) {
    const pattern = new RegExp(`\\b${phrase.replace(/[-]/g, '[- ]?')}\\b`, 'g');
    text = text.replace(pattern, () => {
      topic([phrase]);
      return ' ';
    });
  }
  for (const raw of text.match(WORD) ?? []) {
    const word = raw.replace(/'s$/, '').replace(/n't$/, '');
    if (FILLER_WORDS.has(word) || word.includes("'")) continue;
    const irregular = IRREGULAR_FORMS[word];
    const weak = VALUE_WORD.test(word) || COMMON_WORDS.has(word);
    topic(irregular ? [word, irregular] : [word], weak ? FORM_WEIGHT : 1);
  }
  return { concepts, asks: [...asks] };
}
