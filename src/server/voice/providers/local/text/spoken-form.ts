import { speakableText } from './sentence-splitter.js';

/**
 * An answer as it should be heard rather than read: markdown gone, table rows
 * read as "label: value", times on the 12-hour clock ("18:00" → "6 PM"),
 * prices with their currency spoken ("€290" → "290 euros"), phone numbers
 * digit by digit in their groups, ranges and common abbreviations spelled
 * out ("Mon–Fri" → "Monday to Friday", "approx." → "approximately"), and one
 * idea per sentence. The transcript keeps the written form; only the speech
 * synthesizer gets this one.
 */
export function spokenForm(text: string): string {
  let spoken = text.split('\n').map(tableRow).map(headingLine).join('\n');
  spoken = speakableText(spoken);
  spoken = spoken.replace(PHONE_NUMBER, phoneNumber);
  spoken = spoken.replace(PRICE_BEFORE, (_, currency: string, amount: string) =>
    money(amount, currency),
  );
  spoken = spoken.replace(PRICE_AFTER, (_, amount: string, currency: string) =>
    money(amount, currency),
  );
  spoken = spoken.replace(CLOCK_RANGE, (_, from: string, to: string) => `${from} to ${to}`);
  spoken = spoken.replace(CLOCK_TIME, clockTime);
  spoken = spoken.replace(
    DAY_RANGE,
    (_, from: string, to: string) => `${dayName(from)} to ${dayName(to)}`,
  );
  spoken = spoken.replace(DAY, (match) => dayName(match));
  spoken = spoken.replace(NUMBER_RANGE, '$1 to $2');
  for (const [pattern, replacement] of ABBREVIATIONS) spoken = spoken.replace(pattern, replacement);
  return spoken
    .replace(/\s*;\s+/g, '. ')
    .replace(/\.\s+([a-z])/g, (_, letter: string) => `. ${letter.toUpperCase()}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A heading is said as a sentence of its own. */
function headingLine(line: string): string {
  return /^\s*#{1,6}\s+.*[^.!?:]\s*$/.test(line) ? `${line.trimEnd()}.` : line;
}

const TABLE_RULE = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;

/** "| Fri | 7:30–16:00 |" → "Fri: 7:30–16:00."; a rule line → nothing. */
function tableRow(line: string): string {
  const row = line.trim();
  if (!row.startsWith('|')) return line;
  if (TABLE_RULE.test(row)) return '';
  const cells = row
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean);
  const [label, ...values] = cells;
  if (!label) return '';
  return values.length === 0 ? `${label}.` : `${label}: ${values.join(', ')}.`;
}

const CURRENCIES: Record<string, [one: string, many: string, cents: string]> = {
  '€': ['euro', 'euros', 'cents'],
  eur: ['euro', 'euros', 'cents'],
  euro: ['euro', 'euros', 'cents'],
  euros: ['euro', 'euros', 'cents'],
  '£': ['pound', 'pounds', 'pence'],
  gbp: ['pound', 'pounds', 'pence'],
  $: ['dollar', 'dollars', 'cents'],
  usd: ['dollar', 'dollars', 'cents'],
  chf: ['Swiss franc', 'Swiss francs', 'centimes'],
};

const AMOUNT = "(\\d{1,3}(?:[,'’]\\d{3})+(?:\\.\\d{1,2})?|\\d+(?:\\.\\d{1,2})?)";
const PRICE_BEFORE = new RegExp(`(€|£|\\$|\\b(?:EUR|GBP|USD|CHF)\\b)\\s?${AMOUNT}(?!\\d)`, 'g');
const PRICE_AFTER = new RegExp(`(?<![\\d.,])${AMOUNT}\\s?(€|\\b(?:EUR|GBP|USD|CHF)\\b)`, 'g');

/** "1,300" and "CHF" → "1,300 Swiss francs"; "15.50" and "£" → "15 pounds 50". */
function money(amount: string, currency: string): string {
  const [one, many, cents] = CURRENCIES[currency.toLowerCase()] ?? ['', '', ''];
  const [whole = '', fraction] = amount.replace(/['’]/g, ',').split('.');
  const unit = whole === '1' ? one : many;
  if (!fraction || /^0+$/.test(fraction)) return `${whole} ${unit}`;
  const hundredths = fraction.length === 1 ? `${fraction}0` : fraction;
  return whole === '0' ? `${Number(hundredths)} ${cents}` : `${whole} ${unit} ${hundredths}`;
}

// A clock time: 18:00, 8:30, 9.30 am, 8am, 6 p.m.
const HOUR_MINUTE = '(?:[01]?\\d|2[0-3]):[0-5]\\d';
// A full stop after "a.m." is kept when it also ends the sentence.
const MERIDIEM = '\\s?[aApP]\\.?[mM](?:\\.(?=\\s*[a-z,;]))?(?![a-zA-Z])';
const CLOCK = `(?:${HOUR_MINUTE}(?:${MERIDIEM})?|(?:1[0-2]|0?[1-9])(?:[.:][0-5]\\d)?${MERIDIEM})`;
const CLOCK_RANGE = new RegExp(`\\b(${CLOCK})\\s?(?:–|—|-|to|until|till)\\s?(${CLOCK})`, 'g');
const CLOCK_TIME = new RegExp(`\\b${CLOCK}`, 'g');

/** "18:00" → "6 PM", "8:30" → "8:30 AM", "0:00" → "midnight", "9.30 a.m." → "9:30 AM". */
function clockTime(time: string): string {
  const meridiem = /([ap])\.?m\.?$/i.exec(time)?.[1]?.toLowerCase();
  const [hourText = '0', minuteText = '00'] = time.replace(/\s?[ap]\.?m\.?$/i, '').split(/[.:]/);
  let hour = Number(hourText);
  const minutes = minuteText.padStart(2, '0');
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  if (hour === 0 && minutes === '00') return 'midnight';
  if (hour === 12 && minutes === '00') return 'noon';
  const suffix = hour < 12 ? 'AM' : 'PM';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return minutes === '00' ? `${twelve} ${suffix}` : `${twelve}:${minutes} ${suffix}`;
}

/** Phone numbers: at least 7 digits in groups, optionally with a leading +. */
const PHONE_NUMBER = /(?<![\w.,:/-])\+?\(?\d[\d ()./-]{5,}\d(?![\w:/]|[.,]\d)/g;

function phoneNumber(match: string): string {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15 || /^\d{4}-\d{2}-\d{2}$/.test(match)) return match;
  const groups = match
    .trim()
    .split(/[\s()./-]+/)
    .filter(Boolean)
    .flatMap((group) => (group.length > 4 ? (group.match(/\d{1,3}/g) ?? []) : [group]));
  const spoken = groups.map((group) =>
    group.startsWith('+') ? `plus ${[...group.slice(1)].join(' ')}` : [...group].join(' '),
  );
  return spoken.join(', ');
}

const DAYS: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  tues: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  thur: 'Thursday',
  thurs: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const DAY_ABBREVIATION = 'Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun';
const DAY_RANGE = new RegExp(
  `\\b(${DAY_ABBREVIATION})\\s?(?:–|—|-|to)\\s?(${DAY_ABBREVIATION})\\b`,
  'g',
);
const DAY = new RegExp(`\\b(?:${DAY_ABBREVIATION})\\b(?=[\\s,.:;)]|$)`, 'g');

function dayName(abbreviation: string): string {
  return DAYS[abbreviation.replace('.', '').toLowerCase()] ?? abbreviation;
}

/** "12–18 months", "9-5": a dash between numbers is "to" (phone numbers are read by then). */
const NUMBER_RANGE = /(?<![–—-])\b(\d+(?:[.,]\d+)?)\s?[–—-]\s?(\d+(?:[.,]\d+)?)\b(?![–—-]\d)/g;

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bapprox\.?(?=\s)/gi, 'approximately'],
  [/\be\.g\.,?/gi, 'for example'],
  [/\bi\.e\.,?/gi, 'that is'],
  [/\betc\./gi, 'and so on.'],
  [/\bincl\.(?=\s)/gi, 'including'],
  [/\bexcl\.(?=\s)/gi, 'excluding'],
  [/\bDr\.(?=\s)/g, 'Doctor'],
  [/\bMr\.(?=\s)/g, 'Mister'],
  [/\bMrs\.(?=\s)/g, 'Missus'],
  [/\bvs\.?(?=\s)/gi, 'versus'],
  [/\btel\.(?=\s)/gi, 'telephone'],
  [/\bno\.(?=\s?\d)/gi, 'number'],
  [/\b24\/7\b/g, 'around the clock'],
  [/(\d)\s?mins?\b\.?/g, '$1 minutes'],
  [/(\d)\s?hrs?\b\.?/g, '$1 hours'],
  [/(\d)\s?km\b/g, '$1 kilometres'],
  [/(\d)\s?m²/g, '$1 square metres'],
  [/(\d)\s?%/g, '$1 percent'],
  [/\s&\s/g, ' and '],
];
