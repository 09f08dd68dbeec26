/** One idea of a passage as a reader would quote it: a sentence, a list item or a table row. */
export type PassageUnit = {
  /** Written form without markdown marks; a table row reads "Mon–Thu: 7:30–19:00." */
  text: string;
  /** Position in the passage. */
  index: number;
  /** Rows of one table share an id, so that an answer can quote the whole table. */
  table: number | null;
};

// As the chunker splits: at . ! ? or … followed by whitespace and something not in lower case.
const SENTENCE_BREAK = /(?<=[.!?…]["'”’)\]]*)\s+(?=[^\s\p{Ll}])/u;
const TABLE_RULE = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;
const LIST_MARKER = /^(?:[-*+•]|\d{1,2}[.)])\s+/;
/** A full stop after these does not end the sentence: "Dr. Keller", "approx. CHF 4". */
const ABBREVIATION_END =
  /\b(?:dr|mr|mrs|ms|prof|st|approx|ca|incl|excl|no|nr|tel|vs|etc|e\.g|i\.e)\.$/i;

/** Markdown emphasis, code ticks and links reduced to their words. */
export function plainMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/(^|[\s(])[*_](?=\S)([^*_\n]*?\S)[*_](?=[\s).,!?:;]|$)/g, '$1$2')
    .replace(/^#{1,6}\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => plainMarkdown(cell));

/** "| Fri | 7:30–16:00 |" under "| Day | Hours |" → "Fri: 7:30–16:00." */
function tableRowText(row: string[], header: string[]): string {
  const [label = '', ...values] = row;
  const parts = values.map((value, i) => {
    const name = header[i + 1] ?? '';
    // Two columns read as label and value; more name each value by its column.
    return values.length > 1 && name ? `${name} ${value}` : value;
  });
  const body = parts.filter(Boolean).join(', ');
  const sentence = label && body ? `${label}: ${body}` : label || body;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The passage's sentences, list items and table rows, in order. */
export function passageUnits(passage: string): PassageUnit[] {
  const units: PassageUnit[] = [];
  const push = (text: string, table: number | null) => {
    if (/[\p{L}\p{N}]/u.test(text)) units.push({ text, index: units.length, table });
  };
  const lines = passage.split('\n');
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line || /^#{1,6}\s/.test(line)) continue;
    if (line.startsWith('|')) {
      const block: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        block.push((lines[i] ?? '').trim());
        i++;
      }
      i--;
      const table = tables++;
      // A table's first row names its columns when a rule follows it; a chunk
      // may also begin mid-table, with no header at all.
      const headed = TABLE_RULE.test(block[1] ?? '');
      const rows = block.filter((row) => !TABLE_RULE.test(row)).map(cells);
      const header = headed ? (rows.shift() ?? []) : [];
      for (const row of rows) push(tableRowText(row, header), table);
      continue;
    }
    const item = LIST_MARKER.test(line);
    const text = plainMarkdown(line.replace(LIST_MARKER, ''));
    if (item) {
      push(/[.!?:;]$/.test(text) ? text : `${text}.`, null);
      continue;
    }
    for (const sentence of sentences(text)) push(sentence, null);
  }
  return units;
}

function sentences(text: string): string[] {
  const pieces: string[] = [];
  for (const piece of text.split(SENTENCE_BREAK)) {
    const last = pieces.at(-1);
    if (last !== undefined && ABBREVIATION_END.test(last))
      pieces[pieces.length - 1] = `${last} ${piece}`;
    else pieces.push(piece.trim());
  }
  return pieces;
}
