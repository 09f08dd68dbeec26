import type { Logger } from 'pino';
import type { Config } from '../../../config.js';
import { ProviderUnavailableError } from '../../runner/provider-unavailable.js';
import { checkLocalEngine, type EngineStatus } from './availability.js';
import { loadPronunciations, type Pronunciations } from './brain/pronunciations.js';
import type { SpeechSynthesizer, Transcriber, VadModel } from './parts.js';
import { CompatibleTranscriber } from './stt/compatible-transcriber.js';
import { pronouncingDictionary } from './stt/pocketsphinx-bindings.js';
import { PocketsphinxTranscriber } from './stt/pocketsphinx-transcriber.js';
import { CompatibleSynthesizer } from './tts/compatible-synthesizer.js';
import { FliteSynthesizer } from './tts/flite-synthesizer.js';
import { SileroVadModel } from './vad/silero-vad.js';

export type LocalEngineParts = {
  vad: VadModel;
  transcriber: Transcriber;
  synthesizer: SpeechSynthesizer;
  /** The recognizer's pronouncing dictionary, for taking misheard words for sound-alikes; null when unreadable. */
  pronunciations: Pronunciations | null;
};

export type LocalVoiceEngineOptions = {
  config: Config['localVoice'];
  logger: Logger;
};

/**
 * The parts of the local voice engine every local call shares: the VAD
 * model, the speech-to-text workers and the synthesizer. Started right
 * after construction when `warmStart` is set (so the first caller is not
 * kept waiting while models load), else on the first call; a failed start
 * is retried by the next call.
 */
export class LocalVoiceEngine {
  readonly synthesizer: SpeechSynthesizer;
  readonly #o: LocalVoiceEngineOptions;
  #status: Promise<EngineStatus> | null = null;
  #parts: Promise<LocalEngineParts> | null = null;
  #closed = false;

  constructor(options: LocalVoiceEngineOptions) {
    this.#o = options;
    const { tts, fliteBinary } = options.config;
    this.synthesizer = tts
      ? new CompatibleSynthesizer(tts)
      : new FliteSynthesizer({ binary: fliteBinary });
    if (options.config.warmStart) setImmediate(() => void this.#warmUp());
  }

  async #warmUp(): Promise<void> {
    if (this.#closed || !(await this.status()).available) return;
    await this.parts().catch((err: unknown) =>
      this.#o.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'local voice engine did not start at boot; the first local call tries again',
      ),
    );
  }

  /** Which parts can run here and, when some cannot, how to install them. Checked once. */
  status(): Promise<EngineStatus> {
    this.#status ??= checkLocalEngine(this.#o.config);
    return this.#status;
  }

  /** The started parts; rejects with ProviderUnavailableError when the engine cannot run here. */
  parts(): Promise<LocalEngineParts> {
    if (this.#closed)
      return Promise.reject(new ProviderUnavailableError('The server is shutting down'));
    this.#parts ??= this.#start().catch((err) => {
      this.#parts = null;
      throw err;
    });
    return this.#parts;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const parts = await this.#parts?.catch(() => null);
    this.#parts = null;
    if (!parts) return;
    await Promise.all([parts.vad.close(), parts.transcriber.close(), this.synthesizer.close?.()]);
  }

  async #start(): Promise<LocalEngineParts> {
    const status = await this.status();
    if (!status.available) throw new ProviderUnavailableError(status.message);
    const { config, logger } = this.#o;
    const started = Date.now();
    const [vad, transcriber, pronunciations] = await Promise.all([
      SileroVadModel.load(),
      config.stt
        ? Promise.resolve(new CompatibleTranscriber(config.stt))
        : PocketsphinxTranscriber.start({
            modelDir: config.pocketsphinxModelDir,
            workers: config.sttWorkers,
            logger,
          }),
      loadPronunciations(pronouncingDictionary(config.pocketsphinxModelDir)),
    ]);
    logger.info(
      { stt: transcriber.engine, tts: this.synthesizer.engine, ms: Date.now() - started },
      'local voice engine started',
    );
    return { vad, transcriber, synthesizer: this.synthesizer, pronunciations };
  }
}
