import { COMMON_WORDS, FILLER_WORDS } from '../../../../knowledge/related-words.js';
import { wordStem } from '../../../../knowledge/word-stem.js';
import type { Pronunciations } from './pronunciations.js';

/** Shorter words sound like too many others to correct safely. */
const MIN_PHONES = 3;
/** "showers" (SH AW ER Z) for "hours" (AW ER Z): one phone inserted, dropped or changed. */
const MAX_PHONE_EDITS = 1;

const WORD = /[a-z]+(?:'[a-z]+)?/g;

const topicWords = (text: string) =>
  (text.toLowerCase().match(WORD) ?? []).filter(
    (word) => word.length >= 3 && !FILLER_WORDS.has(word) && !COMMON_WORDS.has(word),
  );

/**
 * The question as the caller probably said it: each of its words that the
 * passages lack but that sounds like exactly one of their words ("business
 * showers" against a passage on business hours) replaced by that word. Null
 * when no word needs or allows a correction. Speech recognizers mishear a
 * word for one that sounds alike, so this is tried only on spoken questions
 * the knowledge could not otherwise answer.
 */
export function soundAlikeQuestion(
  question: string,
  passages: string[],
  pronunciations: Pronunciations,
): string | null {
  const vocabulary = new Set(passages.flatMap(topicWords));
  const stems = new Set([...vocabulary].map(wordStem));
  const candidates = [...vocabulary]
    .map((word) => ({ word, sounds: pronunciations.of(word) }))
    .filter((c) => c.sounds.some((phones) => phones.length >= MIN_PHONES));
  let corrected = question;
  let changed = false;
  for (const heard of new Set(topicWords(question))) {
    if (stems.has(wordStem(heard))) continue;
    const sounds = pronunciations.of(heard).filter((phones) => phones.length >= MIN_PHONES);
    if (sounds.length === 0) continue;
    const matches = candidates.filter((c) =>
      c.sounds.some((a) => sounds.some((b) => phoneEdits(a, b) <= MAX_PHONE_EDITS)),
    );
    const [only] = matches;
    if (!only || matches.length > 1) continue;
    corrected = corrected.replace(new RegExp(`\\b${heard}\\b`, 'gi'), only.word);
    changed = true;
  }
  return changed ? corrected : null;
}

/** Levenshtein distance over phones. */
function phoneEdits(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
