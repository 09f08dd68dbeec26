import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../../../src/server/knowledge/extract/errors.js';
import {
  DocumentWorkers,
  type DocumentWorkersOptions,
} from '../../../src/server/knowledge/worker/document-workers.js';
import { minimalPdf, pdfBombs } from '../../helpers/pdf-fixture.js';

const logger = pino({ level: 'silent' });
const open: DocumentWorkers[] = [];

function workers(options: Partial<DocumentWorkersOptions> = {}): DocumentWorkers {
  const pool = new DocumentWorkers({ memoryMb: 512, timeoutMs: 30_000, logger, ...options });
  open.push(pool);
  return pool;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((pool) => pool.close()));
});

async function refusal(promise: Promise<unknown>): Promise<UnreadableFileError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(UnreadableFileError);
  return error as UnreadableFileError;
}

const readable = minimalPdf([['Opening hours'], ['Monday to Friday 8 to 18.']]);

async function stillReads(pool: DocumentWorkers) {
  expect((await pool.extract('company-a', 'hours.pdf', readable)).text).toBe(
    'Opening hours\n\nMonday to Friday 8 to 18.',
  );
}

describe('document workers', () => {
  it('extracts and chunks off the main thread', async () => {
    const pool = workers();
    await stillReads(pool);
    const chunks = await pool.chunk('company-a', '# Hours\nOpen on Monday.', undefined);
    expect(chunks).toEqual([{ heading: 'Hours', content: 'Open on Monday.' }]);
  });

  it('stops reading one page of huge text operators at the character cap', async () => {
    const pool = workers({ maxChars: 1_000_000 });
    // 710 KB of PDF inflating to 200 MB in production; 20 MB is enough past a 1 M cap.
    const bomb = await pdfBombs.textOperators(20_000_000);
    const error = await refusal(pool.extract('company-a', 'bomb.pdf', bomb));
    expect(error.message).toBe('PDF is too large to extract: more than 1 million characters');
    await stillReads(pool);
  }, 60_000);

  it('refuses more than 10 million characters with the production defaults', async () => {
    const pool = workers();
    const text = Buffer.from('Open every weekday.\n'.repeat(520_000));
    expect(text.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    const error = await refusal(pool.extract('company-a', 'long.txt', text));
    expect(error.message).toBe(
      'The file holds more than 10 million characters of text; split it up',
    );
  });

  it('stops at the cap across many pages sharing one stream, not after all of them', async () => {
    const pool = workers({ maxChars: 1_000_000, timeoutMs: 20_000 });
    // 100 pages × 300 KB of text: 26 M characters if every page were read.
    const bomb = await pdfBombs.sharedStream(100, 300_000);
    expect(bomb.length).toBeLessThan(30_000);
    const error = await refusal(pool.extract('company-a', 'pages.pdf', bomb));
    expect(error.message).toBe('PDF is too large to extract: more than 1 million characters');
  }, 60_000);

  it('fails a stream inflating to a huge run of newlines on the memory limit, and replaces the worker', async () => {
    const pool = workers({ memoryMb: 128, timeoutMs: 60_000 });
    const bomb = await pdfBombs.newlines(400);
    const error = await refusal(pool.extract('company-a', 'newlines.pdf', bomb));
    expect(error.message).toBe('Extraction ran out of memory');
    await stillReads(pool);
  }, 60_000);

  it('fails a job past the time limit, and replaces the worker', async () => {
    const pool = workers({ memoryMb: 4096, timeoutMs: 1500 });
    const bomb = await pdfBombs.newlines(400);
    const error = await refusal(pool.extract('company-a', 'slow.pdf', bomb));
    expect(error.message).toBe('Extraction took longer than 1.5 s');
    await stillReads(pool);
  }, 60_000);

  it('takes companies in turn, so one company’s queue does not hold up another', async () => {
    const pool = workers();
    const finished: string[] = [];
    const job = (company: string, name: string) =>
      pool.chunk(company, `Text of ${name}.`, undefined).then(() => finished.push(name));
    await Promise.all([
      job('company-a', 'a1'),
      job('company-a', 'a2'),
      job('company-a', 'a3'),
      job('company-b', 'b1'),
    ]);
    expect(finished).toEqual(['a1', 'b1', 'a2', 'a3']);
  });
});
