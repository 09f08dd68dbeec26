import type { FactKind } from '../knowledge/question-meaning.js';

const NUMBER_WORD =
  '(?:\\d+(?:[.,]\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|ninety)';
const RANGE = `${NUMBER_WORD}(?:\\s?(?:to|-|–|or|and)\\s?${NUMBER_WORD})?`;
const UNIT = '(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?)';

/** What a sentence looks like when it carries a fact of each kind. */
const PATTERNS: Record<FactKind, RegExp> = {
  price: new RegExp(
    [
      '[£€$]\\s?\\d',
      '\\b(?:chf|eur|usd|gbp|fr\\.)\\s?\\d',
      "\\d[\\d,.']*\\s?(?:euros?|pounds?|dollars?|francs?|chf|eur|usd|gbp|pence|p)\\b",
      '\\bfree\\b',
      '\\bno (?:extra )?(?:charge|cost)\\b',
    ].join('|'),
    'i',
  ),
  duration: new RegExp(
    [
      `\\b(?:${RANGE}|a few|several|an?|half an?)[\\s-]+(?:working\\s+|full\\s+)?${UNIT}\\b`,
      '\\bsame (?:day|afternoon|morning)\\b',
      '\\b(?:one|a single) (?:visit|session|day)\\b',
    ].join('|'),
    'i',
  ),
  time: /\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])|\b(?:noon|midday|midnight)\b/i,
  phone: /(?:\+|\b)\d[\d ()/.-]{5,}\d\b/,
  place: new RegExp(
    [
      "\\b\\d+[a-z]?,?\\s+(?:[A-Z][\\w'-]*\\s){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Way|Square|Place|Drive|Court|Terrace|Row)\\b",
      '\\b[A-Z][a-zäöü]+(?:strasse|straße|weg|gasse|platz|allee)\\s+\\d+',
      '\\b(?:Unit|Suite)\\s+\\d+',
      '\\b(?:is|are) (?:at|in|on)\\b',
      '\\b(?:located|opposite|next to|floor|corner of)\\b',
    ].join('|'),
  ),
  age: new RegExp(
    [
      '\\b(?:age|aged|ages)\\b',
      `\\b${RANGE}\\s+${UNIT}\\s+(?:old|of age)\\b`,
      `\\b(?:from|at|under|over|after)\\s+(?:about\\s+|around\\s+)?${RANGE}\\s+(?:${UNIT}|weeks)\\b`,
    ].join('|'),
    'i',
  ),
  count: new RegExp(`\\b${NUMBER_WORD}\\b|\\b(?:a dozen|several|a few)\\b`, 'i'),
  frequency:
    /\bevery\b|\bonce\b|\btwice\b|\b(?:per|a|each) (?:year|month|week|day)\b|\bannual(?:ly)?\b|\b(?:yearly|daily|weekly|monthly)\b/i,
};

/** Whether `text` carries a fact of one of `kinds` (a price, a time, a phone number…). */
export function carriesFact(text: string, kinds: readonly FactKind[]): boolean {
  return kinds.some((kind) => {
    if (kind !== 'phone') return PATTERNS[kind].test(text);
    const match = PATTERNS.phone.exec(text);
    return match !== null && match[0].replace(/\D/g, '').length >= 7;
  });
}
