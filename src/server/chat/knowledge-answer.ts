import { RELATED_MATCH } from '../knowledge/full-text-search.js';
import {
  type FactKind,
  type QuestionConcept,
  questionMeaning,
} from '../knowledge/question-meaning.js';
import type { RetrievedChunk } from '../knowledge/retrieval.js';
import { wordStem } from '../knowledge/word-stem.js';
import { carriesFact } from './fact-patterns.js';
import { type PassageUnit, passageUnits } from './passage-units.js';

export type KnowledgeAnswer = { text: string; source: RetrievedChunk };

/**
 * How much of the question (rarity-weighted, see RetrievedChunk.textRank) the
 * best passage must match for an answer; below it the honest answer is "I
 * don't know". Chosen on the evaluation set's development questions.
 */
export const MIN_TEXT_RANK = 0.3;
// The passages whose sentences compete for the answer.
const PASSAGES = 3;
/** Bonus for a sentence carrying the kind of fact asked for: a price to "how much". */
const FACT_BONUS = 0.35;
/** A sentence shares its section heading's match, at this weight. */
const HEADING_SHARE = 1;
/** Retrieval's order still counts a little between passages. */
const PASSAGE_PRIOR = [0.2, 0.1, 0];
/** Other sentences of the passage join the answer when they match this nearly as well as the best. */
const KEEP_RATIO = 0.75;
const MAX_RUNNERS_UP = 2;
const MAX_TABLE_ROWS = 8;
const REFERS_BACK = /^(?:it|this|that|these|those|they|there|then|most|both)\b/i;

type Candidate = PassageUnit & {
  chunk: RetrievedChunk;
  rank: number;
  /** How well the unit itself matches the question, fact included, before its heading and passage count. */
  own: number;
  match: number;
  score: number;
};

/**
 * The answer the knowledge gives to a question without a language model:
 * of the best passages' sentences, list items and table rows, the one that
 * matches the question best (its words, their synonyms, and the kind of fact
 * asked for: a price to "how much", a duration to "how long"), with its
 * close neighbours; null when no passage matches well enough.
 */
export function knowledgeAnswer(
  question: string,
  chunks: RetrievedChunk[],
): KnowledgeAnswer | null {
  const [first] = chunks;
  if (!first || first.textRank < MIN_TEXT_RANK) return null;
  const { concepts, asks } = questionMeaning(question);
  const matchers = concepts.map(conceptMatcher);
  const passages = chunks.slice(0, PASSAGES).map((chunk, rank) => ({
    chunk,
    rank,
    units: passageUnits(chunk.content),
    heading: stemsOf(chunk.heading),
  }));
  const seen = new Set<string>();
  const units = passages.flatMap((p) =>
    p.units
      .filter((unit) => !seen.has(unit.text) && seen.add(unit.text))
      .map((unit) => ({ ...p, unit, stems: stemsOf(unit.text) })),
  );
  const rarity = matchers.map((matcher) => {
    const df = units.filter((u) => matcher(u.stems) > 0).length;
    return 1 + Math.log(1 + (units.length - df + 0.5) / (df + 0.5));
  });
  const share = (stems: Set<string>) => {
    let total = 0;
    let matched = 0;
    matchers.forEach((matcher, i) => {
      const concept = concepts[i];
      // What the question's form asks for counts as the fact bonus, not as words.
      if (!concept || concept.words.length === 0) return;
      const weight = concept.weight * (rarity[i] ?? 0);
      total += weight;
      matched += weight * matcher(stems);
    });
    return total === 0 ? 0 : matched / total;
  };
  const candidates: Candidate[] = units.map(({ chunk, rank, unit, stems, heading }) => {
    const words = share(stems);
    const match = words + HEADING_SHARE * share(heading);
    const fact = asks.length > 0 && carriesFact(unit.text, asks) ? FACT_BONUS : 0;
    const own = words > 0 ? words + fact : 0;
    return { ...unit, chunk, rank, own, match, score: match + fact + (PASSAGE_PRIOR[rank] ?? 0) };
  });
  const best = [...candidates].sort(
    (a, b) => b.score - a.score || a.rank - b.rank || a.index - b.index,
  )[0];
  if (!best || best.match === 0) return null;
  return { text: compose(best, candidates, asks), source: best.chunk };
}

/** The best unit with its table, the sentence it refers back to, and its passage's close runners-up. */
function compose(best: Candidate, candidates: Candidate[], asks: FactKind[]): string {
  const own = candidates.filter((c) => c.chunk === best.chunk);
  const chosen = new Set<Candidate>([best]);
  if (best.table !== null) {
    const rows = own.filter((c) => c.table === best.table);
    if (rows.length <= MAX_TABLE_ROWS) for (const row of rows) chosen.add(row);
  }
  if (asks.length > 0 && !carriesFact(best.text, asks)) {
    // The asked-for fact may sit in a sentence of its own: "It costs £25."
    const withFact = own
      .filter((c) => c.table === null && carriesFact(c.text, asks))
      .sort((a, b) => b.score - a.score)[0];
    if (withFact) chosen.add(withFact);
  }
  const previous = own.find((c) => c.index === best.index - 1);
  if (previous && REFERS_BACK.test(best.text) && previous.table === null) chosen.add(previous);
  const runnersUp = own
    .filter(
      (c) => !chosen.has(c) && c.table === null && c.own > 0 && c.own >= KEEP_RATIO * best.own,
    )
    .sort((a, b) => b.score - a.score);
  for (const unit of runnersUp.slice(0, MAX_RUNNERS_UP)) chosen.add(unit);
  return [...chosen]
    .sort((a, b) => a.index - b.index)
    .map((unit) => unit.text)
    .join(' ');
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

function stemsOf(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    stems.add(wordStem(word));
    // "step-free" also meets "step free"; "Mon–Thu" meets "Monday".
    if (word.includes('-')) for (const part of word.split('-')) stems.add(wordStem(part));
  }
  return stems;
}

/** 1 when a text has the caller's words, RELATED_MATCH when only related ones, else 0. */
function conceptMatcher(concept: QuestionConcept): (stems: Set<string>) => number {
  const phrases = (list: string[]) =>
    list.map((phrase) => [...stemsOf(phrase)]).filter((stems) => stems.length > 0);
  const own = phrases(concept.words);
  const related = phrases(concept.related);
  const has = (stems: Set<string>, phrase: string[]) => phrase.every((s) => stems.has(s));
  return (stems) => {
    if (own.some((phrase) => has(stems, phrase))) return 1;
    if (related.some((phrase) => has(stems, phrase))) return RELATED_MATCH;
    return 0;
  };
}
