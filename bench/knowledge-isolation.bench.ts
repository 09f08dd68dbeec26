import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { DatabaseHandle } from '../src/server/db/client.js';
import { KnowledgeProcessor } from '../src/server/knowledge/document-processor.js';
import { createDocument } from '../src/server/knowledge/documents-service.js';
import { DocumentWorkers } from '../src/server/knowledge/worker/document-workers.js';
import { pdfBombs } from '../test/helpers/pdf-fixture.js';
import { withPglite } from './databases.js';
import {
  createSyntheticTenants,
  random,
  type SyntheticTenant,
  syntheticMarkdown,
  ZipfVocabulary,
} from './synthetic-knowledge.js';

const MB = 1024 * 1024;
// Production limits: 512 MB, 30 s, 10 million characters.
const LIMITS = { memoryMb: 512, timeoutMs: 30_000 };
const LARGE_TEXT_BYTES = 9_600_000;

const progress = (line: string) => process.stderr.write(`knowledge isolation bench: ${line}\n`);

/**
 * What the bombs of issue 14 and a 9.6 MB text file cost the thread that
 * serves calls: the worst event-loop delay while each is handled, how long
 * a bomb takes to be refused, and how far the process's memory grows.
 */
export async function knowledgeIsolationBench() {
  const logger = pino({ level: 'silent' });
  const workers = new DocumentWorkers({ ...LIMITS, logger });
  try {
    await workers.chunk('warm-up', 'Warm up.', undefined);
    const bombs = {
      textOperators200MB: await pdfBombs.textOperators(200 * MB),
      newlines1500MB: await pdfBombs.newlines(1500),
      sharedStream100Pages: await pdfBombs.sharedStream(100, MB),
    };
    const results: Record<string, unknown> = {};
    for (const [name, bytes] of Object.entries(bombs)) {
      progress(name);
      results[name] = await observe(async () => {
        const outcome = await workers.extract('bench', `${name}.pdf`, bytes).then(
          (file) => `extracted ${file.text.length} characters`,
          (error: Error) => error.message,
        );
        return { fileKB: Math.round(bytes.length / 1024), outcome };
      });
    }
    progress('9.6 MB text on PGlite');
    results.largeTextOnPglite = await withPglite((handle) => indexLargeText(handle, workers));
    return results;
  } finally {
    await workers.close();
  }
}

async function indexLargeText(handle: DatabaseHandle, workers: DocumentWorkers) {
  const { db } = handle;
  const [tenant] = await createSyntheticTenants(db, 1);
  const { companyId, categoryId } = tenant as SyntheticTenant;
  const vocabulary = new ZipfVocabulary(4000, random(7));
  let text = '';
  while (text.length < LARGE_TEXT_BYTES) text += `${syntheticMarkdown(vocabulary, 30)}\n\n`;
  const bytes = Buffer.from(text.slice(0, LARGE_TEXT_BYTES));
  const processor = new KnowledgeProcessor({
    db,
    logger: pino({ level: 'silent' }),
    workers,
    embeddings: undefined,
  });
  try {
    const extract = await observe(async () => {
      const file = await workers.extract(companyId, 'large.txt', bytes);
      return { characters: file.text.length, file };
    });
    const { file, ...extracted } = extract;
    const store = await observe(async () => {
      const document = await createDocument(
        db,
        { companyId },
        {
          categoryId,
          title: 'Large',
          source: {
            sourceType: 'file',
            text: file.text,
            sizeBytes: bytes.length,
            fileName: 'large.txt',
            mimeType: file.mimeType,
          },
        },
      );
      return { documentId: document.id };
    });
    const index = await observe(async () => {
      const probe = probeDatabase(handle);
      processor.enqueue(store.documentId);
      await processor.idle();
      return { worstSelect1Ms: await probe.stop() };
    });
    return { extract: extracted, storeText: { ...store, documentId: undefined }, index };
  } finally {
    await processor.close();
  }
}

/**
 * What another request waits for the database meanwhile: `select 1` again and
 * again; on PGlite a transaction holds every other query back until it ends.
 */
function probeDatabase(handle: DatabaseHandle) {
  let running = true;
  let worstMs = 0;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      await handle.db.execute(sql`select 1`);
      worstMs = Math.max(worstMs, performance.now() - started);
      await sleep(50);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return Math.round(worstMs);
    },
  };
}

/** Runs `work`, watching the event loop's worst delay and the process's peak resident memory. */
async function observe<T extends object>(work: () => Promise<T>) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const rssBeforeMB = Math.round(process.memoryUsage.rss() / MB);
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  delay.enable();
  // Its first timer only sets the baseline; a stall before it would go unseen.
  await sleep(20);
  const started = performance.now();
  try {
    const result = await work();
    const ms = Math.round(performance.now() - started);
    // The histogram records a stall when its next timer runs, after the work.
    await sleep(20);
    return {
      ...result,
      ms,
      worstEventLoopDelayMs: Math.round(delay.max / 1e6),
      rssBeforeMB,
      rssPeakMB: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / MB),
    };
  } finally {
    delay.disable();
    clearInterval(sampler);
  }
}
