import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { PhraseGrammar } from '../parts.js';
import { knownPhrases, toJsgf, withoutHesitations } from './phrase-grammar.js';
import {
  type Decoder,
  type DecoderConfig,
  decoderArguments,
  loadPocketsphinx,
  type Pocketsphinx,
  pocketsphinxProblem,
} from './pocketsphinx-bindings.js';
import type { FromWorker, PocketsphinxWorkerData, ToWorker } from './pocketsphinx-messages.js';

/**
 * Worker thread owning up to `decoders` pocketsphinx decoders (~90 MB each,
 * created on demand, then reused). An utterance holds a decoder from open to
 * finish; when all are busy its audio waits in memory for the next free one.
 */

/** Grammar searches kept per decoder, least recently used dropped first (~25 KB per phrase each). */
const MAX_GRAMMARS_PER_DECODER = 4;

type DecoderSlot = {
  decoder: Decoder;
  config: DecoderConfig;
  /** The language model's search, used in general mode. */
  generalSearch: string;
  /** Grammar key → search name (null: no phrase survived the dictionary), oldest use first. */
  grammars: Map<string, string | null>;
};

type Utterance = {
  id: number;
  open: Extract<ToWorker, { type: 'open' }>;
  slot: DecoderSlot | null;
  /** Audio received before a decoder was free. */
  waiting: Int16Array[];
  finished: boolean;
};

if (!parentPort) throw new Error('pocketsphinx-worker must run in a worker thread');
const port: MessagePort = parentPort;
const { modelDir, decoders: maxDecoders } = workerData as PocketsphinxWorkerData;

const post = (message: FromWorker) => port.postMessage(message);

let ps: Pocketsphinx;
let created = 0;
const freeSlots: DecoderSlot[] = [];
const queue: Utterance[] = [];
const utterances = new Map<number, Utterance>();

function createSlot(): DecoderSlot {
  const config = ps.parseArguments(decoderArguments(modelDir));
  if (!config) throw new Error('pocketsphinx rejected its arguments');
  const decoder = ps.init(config);
  if (!decoder) {
    ps.freeConfig(config);
    throw new Error(`pocketsphinx could not load the models in ${modelDir}`);
  }
  created++;
  return { decoder, config, generalSearch: ps.currentSearch(decoder), grammars: new Map() };
}

/** A free decoder, preferring one that already compiled the grammar; null when all are busy. */
function takeFreeSlot(grammarKey: string | undefined): DecoderSlot | null {
  const ready = freeSlots.findIndex((slot) => grammarKey && slot.grammars.has(grammarKey));
  if (ready >= 0) return freeSlots.splice(ready, 1)[0] ?? null;
  const any = freeSlots.pop();
  if (any) return any;
  return created < maxDecoders ? createSlot() : null;
}

function grammarSearch(slot: DecoderSlot, grammar: PhraseGrammar): string | null {
  const loaded = slot.grammars.get(grammar.key);
  if (loaded !== undefined) {
    slot.grammars.delete(grammar.key);
    slot.grammars.set(grammar.key, loaded);
    return loaded;
  }
  const startedAt = performance.now();
  const isKnownWord = (word: string) => ps.isKnownWord(slot.decoder, word);
  const phrases = knownPhrases(grammar.phrases, isKnownWord);
  const jsgf = toJsgf({ key: grammar.key, phrases }, isKnownWord);
  const name = `grammar-${grammar.key}`;
  const search = jsgf && ps.setJsgf(slot.decoder, name, jsgf) ? name : null;
  slot.grammars.set(grammar.key, search);
  post({
    type: 'grammar-loaded',
    key: grammar.key,
    phrases: search ? phrases.length : 0,
    droppedPhrases: grammar.phrases.length - (search ? phrases.length : 0),
    compileMs: Math.round(performance.now() - startedAt),
  });
  if (slot.grammars.size > MAX_GRAMMARS_PER_DECODER) {
    const [oldestKey, oldestSearch] = slot.grammars.entries().next().value ?? [];
    if (oldestKey !== undefined) slot.grammars.delete(oldestKey);
    if (oldestSearch) ps.unsetSearch(slot.decoder, oldestSearch);
  }
  return search;
}

function start(utterance: Utterance, slot: DecoderSlot): void {
  utterance.slot = slot;
  const { mode, grammar } = utterance.open;
  const search =
    (mode === 'grammar' && grammar ? grammarSearch(slot, grammar) : null) ?? slot.generalSearch;
  if (!ps.setSearch(slot.decoder, search) || !ps.startUtterance(slot.decoder)) {
    fail(utterance, 'pocketsphinx could not start an utterance');
    return;
  }
  for (const samples of utterance.waiting) ps.processRaw(slot.decoder, samples);
  utterance.waiting = [];
  if (utterance.finished) finish(utterance);
}

function release(slot: DecoderSlot): void {
  const next = queue.shift();
  if (next) start(next, slot);
  else freeSlots.push(slot);
}

function fail(utterance: Utterance, reason: string): void {
  utterances.delete(utterance.id);
  post({ type: 'error', id: utterance.id, reason });
  if (utterance.slot) release(utterance.slot);
}

function finish(utterance: Utterance): void {
  const slot = utterance.slot;
  if (!slot) {
    utterance.finished = true;
    return;
  }
  utterances.delete(utterance.id);
  const ended = ps.endUtterance(slot.decoder);
  const hypothesis = ended ? ps.hypothesis(slot.decoder) : '';
  const text = utterance.open.mode === 'grammar' ? withoutHesitations(hypothesis) : hypothesis;
  release(slot);
  post(
    ended
      ? { type: 'result', id: utterance.id, text }
      : { type: 'error', id: utterance.id, reason: 'pocketsphinx could not end the utterance' },
  );
}

function cancel(utterance: Utterance): void {
  utterances.delete(utterance.id);
  if (utterance.slot) {
    ps.endUtterance(utterance.slot.decoder);
    release(utterance.slot);
  } else {
    queue.splice(queue.indexOf(utterance), 1);
  }
}

function close(): void {
  const busy = [...utterances.values()].flatMap((utterance) => utterance.slot ?? []);
  for (const slot of [...freeSlots, ...busy]) {
    ps.free(slot.decoder);
    ps.freeConfig(slot.config);
  }
  freeSlots.length = 0;
  utterances.clear();
  port.close();
}

function handle(message: ToWorker): void {
  if (message.type === 'close') {
    close();
    return;
  }
  if (message.type === 'open') {
    const utterance: Utterance = {
      id: message.id,
      open: message,
      slot: null,
      waiting: [],
      finished: false,
    };
    utterances.set(message.id, utterance);
    const slot = takeFreeSlot(message.grammar?.key);
    if (slot) start(utterance, slot);
    else queue.push(utterance);
    return;
  }
  const utterance = utterances.get(message.id);
  if (!utterance) return;
  switch (message.type) {
    case 'audio':
      if (utterance.slot) ps.processRaw(utterance.slot.decoder, message.samples);
      else utterance.waiting.push(message.samples);
      return;
    case 'finish':
      finish(utterance);
      return;
    case 'cancel':
      cancel(utterance);
      return;
  }
}

function boot(): void {
  const problem = pocketsphinxProblem(modelDir);
  if (problem) {
    post({ type: 'failed', reason: problem.reason });
    return;
  }
  try {
    ps = loadPocketsphinx();
    freeSlots.push(createSlot());
  } catch (error) {
    post({ type: 'failed', reason: (error as Error).message });
    return;
  }
  port.on('message', handle);
  post({ type: 'ready' });
}

boot();
