const TERMINATORS = '.!?';
/** May follow a terminator before the space: `"Hi." He`, `(done.) Then`, `**Note.** Call`. */
const CLOSERS = `"')]}*_”’»`;
const SOFT_BREAKS = ',;:';
/** Words that end in a full stop without ending the sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'approx',
  'dept',
  'mt',
  'ft',
  'fig',
  'ca',
]);

export type SentenceSplitterOptions = {
  /** Shorter pieces (and pieces without a letter, such as list markers) join the next sentence. */
  minChars?: number;
  /** A sentence this long is cut at its next comma, semicolon or colon, so speech starts sooner. */
  maxChars?: number;
};

/**
 * Cuts a model's streamed answer into sentences as soon as each is complete,
 * so the first can be spoken while the rest is still being written. Every
 * decision depends only on text already received, so the result is the same
 * however the text is chunked.
 */
export class SentenceSplitter {
  readonly #minChars: number;
  readonly #maxChars: number;
  #buffer = '';
  /** Where scanning resumes: everything before it is part of the pending sentence. */
  #scanned = 0;

  constructor(options: SentenceSplitterOptions = {}) {
    this.#minChars = options.minChars ?? 3;
    this.#maxChars = options.maxChars ?? 200;
  }

  /** Adds streamed text; returns the sentences it completed, in order. */
  push(delta: string): string[] {
    this.#buffer += delta;
    const sentences: string[] = [];
    let i = this.#scanned;
    while (i < this.#buffer.length) {
      const end = this.#boundaryAt(i);
      if (end === 'wait') break;
      if (end === null) {
        i++;
        continue;
      }
      const sentence = clean(this.#buffer.slice(0, end));
      if (this.#isFragment(sentence)) {
        // A cut behind the scan (at a comma or space) must not rescan the same text forever.
        i = Math.max(end, i + 1);
        continue;
      }
      sentences.push(sentence);
      this.#buffer = this.#buffer.slice(end);
      i = 0;
    }
    this.#scanned = i;
    return sentences;
  }

  /** The text left once the stream has ended, or null when there is none. */
  flush(): string | null {
    const rest = clean(this.#buffer);
    this.#buffer = '';
    this.#scanned = 0;
    return rest === '' ? null : rest;
  }

  /** Where the pending sentence ends if it ends at `i`; 'wait' when the next characters decide. */
  #boundaryAt(i: number): number | 'wait' | null {
    const text = this.#buffer;
    const char = text[i] as string;
    const hardMax = this.#maxChars * 2;
    if (i >= hardMax) {
      const space = lastIndexMatching(i, (at) => isSpace(text[at]));
      return space > this.#minChars ? space : i;
    }
    if (i === this.#maxChars) {
      const soft = lastIndexMatching(i, (at) => this.#isSoftBreak(at));
      if (soft >= this.#maxChars / 2) return soft;
    }
    if (i > this.#maxChars && this.#isSoftBreak(i)) return i;
    if (char === '\n') return i + 1;
    if (!TERMINATORS.includes(char)) return null;
    let after = i + 1;
    while (after < text.length && isCloserOrTerminator(text[after] as string)) after++;
    if (after === text.length) return 'wait';
    if (!isSpace(text[after])) return null;
    return char === '.' && endsWithAbbreviation(text, i) ? null : after;
  }

  /** A space after a comma, semicolon or colon. */
  #isSoftBreak(at: number): boolean {
    return isSpace(this.#buffer[at]) && SOFT_BREAKS.includes(this.#buffer[at - 1] ?? '');
  }

  #isFragment(sentence: string): boolean {
    return sentence.length < this.#minChars || !/\p{L}/u.test(sentence);
  }
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

function isCloserOrTerminator(char: string): boolean {
  return CLOSERS.includes(char) || TERMINATORS.includes(char);
}

/** The last index before `before` (and after 0) satisfying `test`, or -1. */
function lastIndexMatching(before: number, test: (at: number) => boolean): number {
  for (let at = before - 1; at > 0; at--) if (test(at)) return at;
  return -1;
}

/** "Dr.", "e.g.", "a.m.", an initial such as "J.": a full stop that does not end a sentence. */
function endsWithAbbreviation(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && /[A-Za-z.]/.test(text[start - 1] as string)) start--;
  const word = text.slice(start, dot);
  if (word === '') return false;
  if (word.includes('.')) return true;
  if (word.length === 1 && /[A-Z]/.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()]+/gi;

/**
 * Model text as a speech synthesizer should say it: markdown marks, bullets
 * and code ticks removed, links reduced to their words, addresses to their
 * site name ("example.com").
 */
export function speakableText(text: string): string {
  return text
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<((?:https?:\/\/|mailto:)[^>]+)>/gi, '$1')
    .replace(URL_PATTERN, spokenAddress)
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*[-*+•][ \t]+/gm, '')
    .replace(/^[ \t]*[-=_*|: ]{3,}$/gm, '')
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/(^|[\s(])[*_](?=\S)([^*_\n]*?\S)[*_](?=[\s).,!?:;]|$)/gm, '$1$2')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "https://www.example.com/book?x=1." → "example.com." (the trailing full stop is the sentence's). */
function spokenAddress(match: string): string {
  const trailing = /[.,!?;:'"]+$/.exec(match)?.[0] ?? '';
  const address = match.slice(0, match.length - trailing.length);
  try {
    const url = new URL(/^https?:/i.test(address) ? address : `http://${address}`);
    return url.hostname.replace(/^www\./, '') + trailing;
  } catch {
    return trailing;
  }
}
