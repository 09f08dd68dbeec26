import { readFile } from 'node:fs/promises';

/** How words sound: the CMU pronouncing dictionary pocketsphinx decodes with, as phone sequences. */
export class Pronunciations {
  constructor(private readonly byWord: ReadonlyMap<string, readonly string[][]>) {}

  /** Reads a pocketsphinx dictionary (`word PH ON ES`, variants as `word(2)`). */
  static parse(text: string): Pronunciations {
    const byWord = new Map<string, string[][]>();
    for (const line of text.split('\n')) {
      const [entry, ...phones] = line.trim().split(/\s+/);
      if (!entry || phones.length === 0) continue;
      const word = entry.replace(/\(\d+\)$/, '');
      const variants = byWord.get(word);
      if (variants) variants.push(phones);
      else byWord.set(word, [phones]);
    }
    return new Pronunciations(byWord);
  }

  of(word: string): readonly string[][] {
    return this.byWord.get(word.toLowerCase()) ?? [];
  }
}

const loaded = new Map<string, Promise<Pronunciations | null>>();

/** The dictionary at `file`, read once per process; null when it cannot be read. */
export function loadPronunciations(file: string): Promise<Pronunciations | null> {
  let pronunciations = loaded.get(file);
  if (!pronunciations) {
    pronunciations = readFile(file, 'utf8').then(Pronunciations.parse, () => null);
    loaded.set(file, pronunciations);
  }
  return pronunciations;
}
