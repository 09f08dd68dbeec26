import pino from 'pino';
import { loadConfig } from '../src/server/config.js';
import type { DatabaseHandle } from '../src/server/db/client.js';
import { KnowledgeProcessor } from '../src/server/knowledge/document-processor.js';
import { createDocument, textSource } from '../src/server/knowledge/documents-service.js';
import { KnowledgeRetriever } from '../src/server/knowledge/retrieval.js';
import { DocumentWorkers } from '../src/server/knowledge/worker/document-workers.js';
import {
  OfflineBrain,
  offlinePhrases,
} from '../src/server/voice/providers/local/brain/offline-brain.js';
import {
  loadPronunciations,
  type Pronunciations,
} from '../src/server/voice/providers/local/brain/pronunciations.js';
import { pronouncingDictionary } from '../src/server/voice/providers/local/stt/pocketsphinx-bindings.js';
import { END_CALL } from '../src/server/voice/runner/call-tools.js';
import {
  type EvalKnowledgeBase,
  type EvalSplit,
  loadEvalGoodbyes,
  loadEvalKnowledgeBases,
} from '../test/helpers/eval-set.js';
import { baselineAnswer, baselineEndsCall, baselineSearch } from './answers/baseline.js';
import { withPglite, withThrowawayPostgres } from './databases.js';
import { createSyntheticTenants } from './synthetic-knowledge.js';

// What the offline responders ask retrieval for: the chat's and the calls' limit.
const SEARCH_LIMIT = 3;
const END_CALL_PHRASE = 'goodbye';

type Reply = { text: string | null; endsCall: boolean };
type Passage = { documentTitle: string; content: string };
type Algorithm = {
  search(companyId: string, query: string): Promise<Passage[]>;
  /** The answer to `text` (null: "I don't know") and whether it ends the call. */
  reply(companyId: string, text: string): Promise<Reply>;
};

type Tally = { hits: number; total: number };
type SplitFigures = Record<
  'top3' | 'answerHasFact' | 'offTopicHonest' | 'goodbyesEndCall' | 'falseEndings',
  Tally
>;

const progress = (line: string) => process.stderr.write(`answers bench: ${line}\n`);

/**
 * Offline answers on the evaluation set (test/fixtures/eval), on PGlite and
 * PostgreSQL: right passage in the top 3, answer holding the expected fact,
 * honest "I don't know" to off-topic questions, goodbyes ending the call and
 * questions that wrongly end it, per split, for the algorithm before issue 15
 * and the current one. Misses are listed on stderr for the development split only.
 */
export async function answersBench() {
  return {
    pglite: await withPglite(measure),
    postgres: await withThrowawayPostgres(measure),
  };
}

async function measure(handle: DatabaseHandle) {
  const { db } = handle;
  const knowledgeBases = loadEvalKnowledgeBases();
  const companies = await ingest(handle, knowledgeBases);
  const retriever = new KnowledgeRetriever({ db, vectorColumn: false });
  const pronunciations = await loadPronunciations(
    pronouncingDictionary(loadConfig({}).localVoice.pocketsphinxModelDir),
  );
  const before: Algorithm = {
    search: (companyId, query) => baselineSearch(db, companyId, query, SEARCH_LIMIT),
    reply: async (companyId, text) => ({
      text: baselineAnswer(text, await baselineSearch(db, companyId, text, SEARCH_LIMIT)),
      endsCall: baselineEndsCall(text),
    }),
  };
  const after: Algorithm = {
    search: (companyId, query) =>
      retriever.search({ companyId, all: true, query, limit: SEARCH_LIMIT }),
    reply: (companyId, text) => brainReply(retriever, pronunciations, companyId, text),
  };
  const figures = {
    before: await evaluate('before', before, knowledgeBases, companies),
    after: await evaluate('after', after, knowledgeBases, companies),
  };
  progress(`${handle.kind}: ${JSON.stringify(figures)}`);
  return { database: handle.kind, ...figures };
}

/** Each knowledge base in a company of its own, through the real chunker and chunk store. */
async function ingest(handle: DatabaseHandle, knowledgeBases: EvalKnowledgeBase[]) {
  const { db } = handle;
  const logger = pino({ level: 'silent' });
  const workers = new DocumentWorkers({ memoryMb: 512, timeoutMs: 30_000, logger });
  const processor = new KnowledgeProcessor({ db, logger, workers, embeddings: undefined });
  const tenants = await createSyntheticTenants(db, knowledgeBases.length);
  const companies = new Map<string, string>();
  for (const [index, knowledgeBase] of knowledgeBases.entries()) {
    const tenant = tenants[index];
    if (!tenant) throw new Error('tenant missing');
    companies.set(knowledgeBase.name, tenant.companyId);
    for (const document of knowledgeBase.documents) {
      const created = await createDocument(
        db,
        { companyId: tenant.companyId },
        {
          categoryId: tenant.categoryId,
          title: document.title,
          source: textSource(document.content),
        },
      );
      processor.enqueue(created.id);
    }
  }
  await processor.idle();
  await processor.close();
  await workers.close();
  return companies;
}

/** What the offline voice brain (the chat's offline responder spoken) answers, and whether it hangs up. */
async function brainReply(
  retriever: KnowledgeRetriever,
  pronunciations: Pronunciations | null,
  companyId: string,
  text: string,
): Promise<Reply> {
  const brain = new OfflineBrain({
    search: (query) => retriever.search({ companyId, all: true, query, limit: SEARCH_LIMIT }),
    endCallPhrase: END_CALL_PHRASE,
    pronunciations,
  });
  let answer = '';
  let endsCall = false;
  await brain.reply(
    text,
    {
      text: (delta) => {
        answer += delta;
      },
      toolCall: async (name) => {
        if (name === END_CALL) endsCall = true;
        return 'ok';
      },
      usage: () => {},
    },
    new AbortController().signal,
  );
  return { text: answer === offlinePhrases.unknown ? null : answer, endsCall };
}

async function evaluate(
  label: string,
  algorithm: Algorithm,
  knowledgeBases: EvalKnowledgeBase[],
  companies: Map<string, string>,
) {
  const splits: Record<EvalSplit, SplitFigures> = {
    dev: emptyFigures(),
    'held-out': emptyFigures(),
  };
  const count = (split: EvalSplit, key: keyof SplitFigures, hit: boolean) => {
    splits[split][key].total++;
    if (hit) splits[split][key].hits++;
  };
  const missed: string[] = [];
  for (const knowledgeBase of knowledgeBases) {
    const companyId = companies.get(knowledgeBase.name) ?? '';
    const titleOf = new Map(knowledgeBase.documents.map((d) => [d.file, d.title]));
    for (const q of knowledgeBase.questions) {
      const passages = await algorithm.search(companyId, q.question);
      const found = passages.some(
        (p) => p.documentTitle === titleOf.get(q.document) && p.content.includes(q.fact),
      );
      const reply = await algorithm.reply(companyId, q.question);
      const answered = reply.text?.includes(q.fact) ?? false;
      count(q.split, 'top3', found);
      count(q.split, 'answerHasFact', answered);
      count(q.split, 'falseEndings', reply.endsCall);
      if (q.split === 'dev' && (!found || !answered)) {
        missed.push(
          `${q.question} [${found ? 'found' : 'not found'}] → ${reply.text ?? 'unknown'}`,
        );
      }
    }
    for (const q of knowledgeBase.offTopic) {
      const reply = await algorithm.reply(companyId, q.question);
      count(q.split, 'offTopicHonest', reply.text === null && !reply.endsCall);
      count(q.split, 'falseEndings', reply.endsCall);
      if (q.split === 'dev' && reply.text !== null)
        missed.push(`off-topic ${q.question} → ${reply.text}`);
    }
  }
  const anyCompany = companies.values().next().value ?? '';
  for (const goodbye of loadEvalGoodbyes()) {
    const reply = await algorithm.reply(anyCompany, goodbye.text);
    count(goodbye.split, 'goodbyesEndCall', reply.endsCall);
  }
  if (missed.length > 0) progress(`${label} dev misses:\n  ${missed.join('\n  ')}`);
  return { dev: percentages(splits.dev), heldOut: percentages(splits['held-out']) };
}

function emptyFigures(): SplitFigures {
  const tally = () => ({ hits: 0, total: 0 });
  return {
    top3: tally(),
    answerHasFact: tally(),
    offTopicHonest: tally(),
    goodbyesEndCall: tally(),
    falseEndings: tally(),
  };
}

function percentages(figures: SplitFigures) {
  return Object.fromEntries(
    Object.entries(figures).map(([key, { hits, total }]) => [
      key,
      { percent: total === 0 ? null : Number(((100 * hits) / total).toFixed(1)), of: total },
    ]),
  );
}
