import { IRREGULAR_FORMS } from './related-words.js';

const INFLECTIONS = ['ations', 'ation', 'ingly', 'edly', 'ing', 'ed', 'ly'];
const DERIVATIONS = ['ate', 'at', 'al'];

/**
 * A light English stemmer for comparing words in JavaScript: inflections
 * ("cancelled", "cancels", "cancelling"), irregular forms ("teeth") and a few
 * derivations ("monthly", "vaccination", "arrival") meet one stem. Both sides
 * of a comparison go through it, so stems need only agree, not be words.
 * Full-text search stems in the database with Postgres' english configuration.
 */
export function wordStem(word: string): string {
  let stem = word.toLowerCase().replace(/['’]s$/, '');
  stem = IRREGULAR_FORMS[stem] ?? stem;
  if (stem.length <= 3) return stem;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (/[^su]s$/.test(stem)) stem = stem.slice(0, -1);
  stem = stripSuffix(stem, INFLECTIONS, 3);
  stem = stripSuffix(stem, DERIVATIONS, 4);
  // "stopp", "cancell" and "close"/"closing" each meet their base form.
  if (stem.length > 3) stem = stem.replace(/([b-df-hj-np-tv-z])\1$/, '$1');
  if (stem.length > 4) stem = stem.replace(/e$/, '');
  if (stem.length > 3) stem = stem.replace(/([b-df-hj-np-tv-z])\1$/, '$1');
  return stem;
}

function stripSuffix(word: string, suffixes: string[], minRest: number): string {
  for (const suffix of suffixes) {
    const rest = word.slice(0, -suffix.length);
    if (word.endsWith(suffix) && rest.length >= minRest && /[aeiouy]/.test(rest)) return rest;
  }
  return word;
}
