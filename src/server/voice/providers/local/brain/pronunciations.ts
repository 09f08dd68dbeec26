import { readFile } from 'node:fs/promises';

/** How words sound: the CMU pronouncing dictionary pocketsphinx decodes with, as phone sequences. */
export class Pronunciations {
  /** Each word's variants as space-separated phones, split only when asked for. */
  constructor(private readonly byWord: ReadonlyMap<string, readonly string[]>) {}

  /** Reads a pocketsphinx dictionary (`word PH ON ES`, variants as `word(2)`). */
  static parse(text: string): Pronunciations {
    const byWord = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      const word = line.slice(0, space).replace(/\(\d+\)$/, '');
      const phones = line.slice(space + 1).trim();
      if (!phones) continue;
      const variants = byWord.get(word);
      if (variants) variants.push(phones);
      else byWord.set(word, [phones]);
    }
    return new Pronunciations(byWord);
  }

  of(word: string): string[][] {
    return (this.byWord.get(word.toLowerCase()) ?? []).map((phones) => phones.split(/\s+/));
  }
}

/** The dictionary at `file`; null when it cannot be read. */
export function loadPronunciations(file: string): Promise<Pronunciations | null> {
  return readFile(file, 'utf8').then(Pronunciations.parse, () => null);
}
