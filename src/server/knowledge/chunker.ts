export type TextChunk = {
  /** Path of the headings above the chunk, e.g. "Pricing › Plans"; '' before the first heading. */
  heading: string;
  content: string;
};

export type ChunkerOptions = {
  /** Upper bound on a chunk's length in characters. */
  maxChars: number;
  /** Share of `maxChars` that the next chunk may repeat, in whole sentences. */
  overlapRatio: number;
};

export const DEFAULT_CHUNKER_OPTIONS: ChunkerOptions = { maxChars: 800, overlapRatio: 0.15 };

export const HEADING_SEPARATOR = ' › ';

const HEADING_LINE = /^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
// A sentence ends at . ! ? or … (plus closing quotes or brackets) followed by
// whitespace and something that does not start in lower case ("e.g. this" stays whole).
const SENTENCE_BREAK = /(?<=[.!?…]["'”’)\]]*)\s+(?=[^\s\p{Ll}])/u;

type Section = { heading: string; lines: string[] };

/** A sentence (or a piece of an over-long one) and what joins it to the unit before it. */
type Unit = { text: string; separator: string; wholeSentence: boolean };

/**
 * Splits text into sections at `#` heading lines, then each section into
 * chunks of whole sentences up to `maxChars`, each chunk repeating the last
 * sentences of the previous one (up to `overlapRatio` of `maxChars`).
 */
export function chunkText(text: string, options: Partial<ChunkerOptions> = {}): TextChunk[] {
  const { maxChars, overlapRatio } = { ...DEFAULT_CHUNKER_OPTIONS, ...options };
  if (!Number.isInteger(maxChars) || maxChars < 20) {
    throw new RangeError('maxChars must be an integer of at least 20');
  }
  const overlapChars = Math.floor(maxChars * Math.min(Math.max(overlapRatio, 0), 0.5));
  return splitSections(text).flatMap((section) =>
    packUnits(sectionUnits(section.lines, maxChars), maxChars, overlapChars).map((content) => ({
      heading: section.heading,
      content,
    })),
  );
}

function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  const path: Array<{ level: number; title: string }> = [];
  let current: Section = { heading: '', lines: [] };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const match = HEADING_LINE.exec(line);
    if (!match?.[1] || !match[2]) {
      current.lines.push(line);
      continue;
    }
    const level = match[1].length;
    while (path.length > 0 && (path.at(-1)?.level ?? 0) >= level) path.pop();
    path.push({ level, title: match[2].trim() });
    sections.push(current);
    current = { heading: path.map((h) => h.title).join(HEADING_SEPARATOR), lines: [] };
  }
  sections.push(current);
  return sections.filter((section) => section.lines.some((line) => line.trim() !== ''));
}

function sectionUnits(lines: string[], maxChars: number): Unit[] {
  const units: Unit[] = [];
  let pendingSeparator = '';
  for (const rawLine of lines) {
    const line = rawLine.replace(/\s+/g, ' ').trim();
    if (!line) {
      if (units.length > 0) pendingSeparator = '\n\n';
      continue;
    }
    const separator = units.length === 0 ? '' : pendingSeparator || '\n';
    line.split(SENTENCE_BREAK).forEach((sentence, index) => {
      const joiner = index === 0 ? separator : ' ';
      if (sentence.length <= maxChars) {
        units.push({ text: sentence, separator: joiner, wholeSentence: true });
        return;
      }
      splitAtWords(sentence, maxChars).forEach((piece, pieceIndex) => {
        units.push({
          text: piece,
          separator: pieceIndex === 0 ? joiner : ' ',
          wholeSentence: false,
        });
      });
    });
    pendingSeparator = '';
  }
  return units;
}

/** Pieces of at most `maxChars`, broken between words; a longer word is cut. */
function splitAtWords(sentence: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const word of sentence.split(' ')) {
    const candidate = piece ? `${piece} ${word}` : word;
    if (candidate.length <= maxChars) {
      piece = candidate;
      continue;
    }
    if (piece) pieces.push(piece);
    let rest = word;
    while (rest.length > maxChars) {
      pieces.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    piece = rest;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function joinUnits(units: Unit[]): string {
  return units
    .map((unit, index) => (index === 0 ? unit.text : unit.separator + unit.text))
    .join('');
}

function packUnits(units: Unit[], maxChars: number, overlapChars: number): string[] {
  const chunks: string[] = [];
  let current: Unit[] = [];
  let length = 0;
  for (const unit of units) {
    const added =
      current.length === 0 ? unit.text.length : unit.separator.length + unit.text.length;
    if (current.length > 0 && length + added > maxChars) {
      chunks.push(joinUnits(current));
      current = overlapTail(
        current,
        overlapChars,
        maxChars - unit.separator.length - unit.text.length,
      );
      length = joinUnits(current).length;
    }
    length += current.length === 0 ? unit.text.length : unit.separator.length + unit.text.length;
    current.push(unit);
  }
  if (current.length > 0) chunks.push(joinUnits(current));
  return chunks;
}

/** The last whole sentences of a chunk that fit in both the overlap budget and the room left. */
function overlapTail(units: Unit[], overlapChars: number, room: number): Unit[] {
  const limit = Math.min(overlapChars, room);
  const tail: Unit[] = [];
  for (let index = units.length - 1; index >= 0; index--) {
    const unit = units[index];
    if (!unit?.wholeSentence) break;
    const candidate = [unit, ...tail];
    if (joinUnits(candidate).length > limit) break;
    tail.unshift(unit);
  }
  return tail;
}
