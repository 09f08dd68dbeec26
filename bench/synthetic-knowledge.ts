import type { Database } from '../src/server/db/client.js';
import {
  knowledgeCategories,
  knowledgeChunks,
  knowledgeDocuments,
} from '../src/server/db/schema/index.js';
import { createCompany } from '../test/helpers/fixtures.js';

const SYLLABLES =
  'ba be bo da de di do fa fe ga go ka ke ko la le li lo ma me mi mo na ne no pa pe po ra re ri ro sa se so ta te ti to va ve vo za zo'.split(
    ' ',
  );

/** Deterministic PRNG (mulberry32) so every run measures the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The head of real text's Zipf curve is function words, which Postgres drops
// as stop words; roughly in English frequency order.
const FUNCTION_WORDS = `the of and to a in is it you that he was for on are with as i his they be
at have this from or had by not but what all were we when your can there an each which she do how
their if will up other about out then them these so some her him into has more no my than been its
who now did down only own same very should over just why where after before here both few most such
again once off under while am our me any too does those against between through during until`.split(
  /\s+/,
);
export class ZipfVocabulary {
  readonly words: string[];
  readonly #cumulative: number[];

  /** `size` words: the function words, then made-up content words, most frequent first. */
  constructor(
    size: number,
    private readonly next: () => number,
  ) {
    const seen = new Set<string>(FUNCTION_WORDS);
    while (seen.size < size) {
      const syllables = 2 + Math.floor(next() * 3);
      let word = '';
      for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
      seen.add(word);
    }
    this.words = [...seen];
    let sum = 0;
    this.#cumulative = this.words.map((_, rank) => {
      sum += 1 / (rank + 1);
      return sum;
    });
  }

  word(): string {
    const target = this.next() * (this.#cumulative.at(-1) ?? 1);
    let low = 0;
    let high = this.#cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.#cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return this.words[low] ?? '';
  }

  pick<T>(items: T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Between `min` and `max` picks from `items`, uniformly. */
  sample<T>(items: T[], min: number, max: number): T[] {
    const count = min + Math.floor(this.next() * (max - min + 1));
    return Array.from({ length: count }, () => this.pick(items));
  }

  phrase(min: number, max: number): string {
    const count = min + Math.floor(this.next() * (max - min + 1));
    return Array.from({ length: count }, () => this.word()).join(' ');
  }

  /** The most frequent words that are not stop words: what makes a broad query. */
  commonContentWords(count: number): string[] {
    return this.words.slice(FUNCTION_WORDS.length, FUNCTION_WORDS.length + count);
  }

  /** A passage of 5 to 9 sentences of 10 to 18 words: about 100 words, a typical chunk. */
  passage(): string {
    const sentences = 5 + Math.floor(this.next() * 5);
    return Array.from({ length: sentences }, () => {
      const sentence = this.phrase(10, 18);
      return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
    }).join(' ');
  }
}

export type SyntheticTenant = { companyId: string; categoryId: string };

export async function createSyntheticTenants(db: Database, count: number) {
  const tenants: SyntheticTenant[] = [];
  for (let i = 0; i < count; i++) {
    const company = await createCompany(db, { name: `Bench ${i}` });
    const [category] = await db
      .insert(knowledgeCategories)
      .values({ companyId: company.id, name: 'Bench' })
      .returning();
    if (!category) throw new Error('category insert failed');
    tenants.push({ companyId: company.id, categoryId: category.id });
  }
  return tenants;
}

const CHUNKS_PER_DOCUMENT = 20;
const DOCUMENTS_PER_BATCH = 25;

/** Adds `chunksPerTenant` ready chunks to every tenant, in documents of 20 chunks. */
export async function insertSyntheticChunks(
  db: Database,
  tenants: SyntheticTenant[],
  chunksPerTenant: number,
  vocabulary: ZipfVocabulary,
): Promise<void> {
  const documentsPerTenant = Math.ceil(chunksPerTenant / CHUNKS_PER_DOCUMENT);
  for (const tenant of tenants) {
    for (let done = 0; done < documentsPerTenant; done += DOCUMENTS_PER_BATCH) {
      const count = Math.min(DOCUMENTS_PER_BATCH, documentsPerTenant - done);
      const documents = await db
        .insert(knowledgeDocuments)
        .values(
          Array.from({ length: count }, () => ({
            companyId: tenant.companyId,
            categoryId: tenant.categoryId,
            title: vocabulary.phrase(2, 5),
            sourceType: 'text',
            status: 'ready' as const,
            progress: 100,
            chunkCount: CHUNKS_PER_DOCUMENT,
          })),
        )
        .returning({ id: knowledgeDocuments.id });
      await db.insert(knowledgeChunks).values(
        documents.flatMap((document) =>
          Array.from({ length: CHUNKS_PER_DOCUMENT }, (_, position) => ({
            companyId: tenant.companyId,
            documentId: document.id,
            position,
            heading: vocabulary.phrase(2, 4),
            content: vocabulary.passage(),
          })),
        ),
      );
    }
  }
}

/** A markdown document of `sections` headed passages, as a company would paste it. */
export function syntheticMarkdown(vocabulary: ZipfVocabulary, sections: number): string {
  const body = Array.from(
    { length: sections },
    () => `## ${vocabulary.phrase(2, 4)}\n\n${vocabulary.passage()}`,
  );
  return [`# ${vocabulary.phrase(2, 5)}`, ...body].join('\n\n');
}
