import { existsSync } from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';

/**
 * FFI declarations for Debian's pocketsphinx 0.8 (`libpocketsphinx3`,
 * `libsphinxbase3`). Every call is synchronous CPU work, so only worker
 * threads use them.
 *
 * sphinxbase ends the whole process (C `exit`) on a fatal error, e.g. a
 * missing model file, so the model files are checked before `ps_init`.
 */

const POCKETSPHINX_LIBRARY = 'libpocketsphinx.so.3';
const SPHINXBASE_LIBRARY = 'libsphinxbase.so.3';

/** Opaque C pointers (`ps_decoder_t *`, `cmd_ln_t *`). */
export type Decoder = { readonly decoder: unique symbol };
export type DecoderConfig = { readonly config: unique symbol };

export type Pocketsphinx = {
  parseArguments(argv: string[]): DecoderConfig | null;
  freeConfig(config: DecoderConfig): void;
  init(config: DecoderConfig): Decoder | null;
  free(decoder: Decoder): void;
  /** Name of the search the decoder starts with (the language model's). */
  currentSearch(decoder: Decoder): string;
  setJsgf(decoder: Decoder, name: string, jsgf: string): boolean;
  setSearch(decoder: Decoder, name: string): boolean;
  unsetSearch(decoder: Decoder, name: string): void;
  isKnownWord(decoder: Decoder, word: string): boolean;
  startUtterance(decoder: Decoder): boolean;
  processRaw(decoder: Decoder, samples: Int16Array): boolean;
  endUtterance(decoder: Decoder): boolean;
  hypothesis(decoder: Decoder): string;
};

export function loadPocketsphinx(): Pocketsphinx {
  const ps = koffi.load(POCKETSPHINX_LIBRARY);
  const base = koffi.load(SPHINXBASE_LIBRARY);
  const psArgs = ps.func('void *ps_args()');
  const cmdLnParse = base.func(
    'void *cmd_ln_parse_r(void *inout, void *defn, int argc, const char **argv, int strict)',
  );
  const cmdLnFree = base.func('int cmd_ln_free_r(void *config)');
  const psInit = ps.func('void *ps_init(void *config)');
  const psFree = ps.func('int ps_free(void *ps)');
  const psGetSearch = ps.func('const char *ps_get_search(void *ps)');
  const psSetJsgfString = ps.func(
    'int ps_set_jsgf_string(void *ps, const char *name, const char *s)',
  );
  const psSetSearch = ps.func('int ps_set_search(void *ps, const char *name)');
  const psUnsetSearch = ps.func('int ps_unset_search(void *ps, const char *name)');
  const psLookupWord = ps.func('const char *ps_lookup_word(void *ps, const char *word)');
  const psStartUtt = ps.func('int ps_start_utt(void *ps)');
  const psProcessRaw = ps.func(
    'int ps_process_raw(void *ps, const int16_t *data, size_t n, int no_search, int full_utt)',
  );
  const psEndUtt = ps.func('int ps_end_utt(void *ps)');
  const psGetHyp = ps.func('const char *ps_get_hyp(void *ps, _Out_ int32_t *score)');

  return {
    parseArguments: (argv) => cmdLnParse(null, psArgs(), argv.length, argv, 1),
    freeConfig: (config) => cmdLnFree(config),
    init: (config) => psInit(config),
    free: (decoder) => psFree(decoder),
    currentSearch: (decoder) => psGetSearch(decoder),
    setJsgf: (decoder, name, jsgf) => psSetJsgfString(decoder, name, jsgf) >= 0,
    setSearch: (decoder, name) => psSetSearch(decoder, name) >= 0,
    unsetSearch: (decoder, name) => psUnsetSearch(decoder, name),
    isKnownWord: (decoder, word) => psLookupWord(decoder, word) !== null,
    startUtterance: (decoder) => psStartUtt(decoder) >= 0,
    processRaw: (decoder, samples) => psProcessRaw(decoder, samples, samples.length, 0, 0) >= 0,
    endUtterance: (decoder) => psEndUtt(decoder) >= 0,
    hypothesis: (decoder) => psGetHyp(decoder, [0]) ?? '',
  };
}

/** The pronouncing dictionary of a model directory laid out like Debian's `pocketsphinx-en-us`. */
export const pronouncingDictionary = (modelDir: string) =>
  path.join(modelDir, 'cmudict-en-us.dict');

/** The files of a model directory laid out like Debian's `pocketsphinx-en-us`. */
function modelFiles(modelDir: string) {
  const acousticModel = path.join(modelDir, 'en-us');
  const languageModel = path.join(modelDir, 'en-us.lm.bin');
  const dictionary = pronouncingDictionary(modelDir);
  const acousticFiles = [
    'mdef',
    'means',
    'variances',
    'transition_matrices',
    'feat.params',
    'noisedict',
  ];
  return {
    acousticModel,
    languageModel,
    dictionary,
    required: [
      ...acousticFiles.map((file) => path.join(acousticModel, file)),
      languageModel,
      dictionary,
    ],
  };
}

/**
 * Decoder arguments. Without the flat-lexicon pass (`-fwdflat no`) but with
 * lattice rescoring (`-bestpath yes`), the end of an utterance takes ~25 ms
 * instead of ~75–120 ms for +2 points of word error on flite speech
 * (11.2 % vs 9.3 % at 16 kHz, 30.3 % vs 29.5 % on μ-law phone audio).
 */
export function decoderArguments(modelDir: string): string[] {
  const files = modelFiles(modelDir);
  return [
    '-hmm',
    files.acousticModel,
    '-lm',
    files.languageModel,
    '-dict',
    files.dictionary,
    '-fwdflat',
    'no',
    '-bestpath',
    'yes',
    '-logfn',
    '/dev/null',
  ];
}

export type PocketsphinxProblem = {
  /** For people: what is missing and how to fix it. */
  reason: string;
  /** Debian packages that provide what is missing. */
  packages: string[];
};

/** Why pocketsphinx cannot run here (libraries or model files missing), or null when it can. */
export function pocketsphinxProblem(modelDir: string): PocketsphinxProblem | null {
  const reasons: string[] = [];
  const packages: string[] = [];
  try {
    loadPocketsphinx();
  } catch (error) {
    reasons.push(`the pocketsphinx libraries cannot be loaded (${(error as Error).message})`);
    packages.push('pocketsphinx');
  }
  const missing = modelFiles(modelDir).required.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    const what = existsSync(modelDir)
      ? `model files are missing: ${missing.join(', ')}`
      : `the model directory ${modelDir} does not exist`;
    reasons.push(`${what} (install pocketsphinx-en-us or set POCKETSPHINX_MODEL_DIR)`);
    packages.push('pocketsphinx-en-us');
  }
  return reasons.length > 0 ? { reason: `Speech-to-text: ${reasons.join('; ')}`, packages } : null;
}
