import { PassThrough } from 'node:stream';
import type { Logger } from 'pino';
import type { AudioFrame } from '../voice/audio/frame.js';
import {
  OggOpusEncoder,
  STEREO_FRAME_SAMPLES,
  STEREO_RECORDING_RATE,
} from '../voice/audio/ogg-opus-encoder.js';
import { isSampleRate, Resampler } from '../voice/audio/resampler.js';
import { StereoTimeline } from '../voice/audio/stereo-timeline.js';
import type { CallAudioRecording, RecordedAudio } from '../voice/runner/call-types.js';
import { safeError } from '../voice/runner/log-safe.js';
import { type RecordingStore, recordingKey } from './recording-store.js';

/**
 * Records a call as stereo Ogg Opus, caller left and agent right on one
 * timeline, streaming it into the recording store as the call goes.
 * Recording never fails the call: audio it cannot take is skipped and a
 * store that fails leaves the call without a recording.
 */
export class StereoCallRecording implements CallAudioRecording {
  readonly #key: string;
  readonly #log: Logger;
  readonly #body = new PassThrough();
  readonly #stored: Promise<unknown>;
  readonly #encoder: OggOpusEncoder;
  readonly #timeline: StereoTimeline;
  readonly #callerRate = new ToRecordingRate();
  readonly #agentRate = new ToRecordingRate();
  #failed = false;
  #finished = false;
  #responseId: string | null = null;

  constructor(options: {
    store: RecordingStore;
    scope: { companyId: string; callId: string };
    logger: Logger;
  }) {
    this.#key = recordingKey(options.scope);
    this.#log = options.logger;
    this.#stored = options.store.put(this.#key, this.#body).catch((err: unknown) => {
      this.#failed = true;
      this.#log.error({ err: safeError(err) }, 'call recording could not be stored');
    });
    // Once the store has failed nothing more is written: the stream would only pile up in memory.
    this.#encoder = new OggOpusEncoder((bytes) => {
      if (!this.#failed) this.#body.write(bytes);
    });
    this.#timeline = new StereoTimeline({
      sampleRate: STEREO_RECORDING_RATE,
      chunkSamples: STEREO_FRAME_SAMPLES,
      emit: (interleaved) => this.#encoder.encodeFrame(interleaved),
    });
  }

  caller(frame: AudioFrame, atMs: number): void {
    if (this.#finished || this.#failed) return;
    const samples = this.#callerRate.convert(frame);
    if (samples) this.#timeline.caller(samples, atMs);
  }

  agent(frame: AudioFrame, atMs: number, responseId: string): void {
    if (this.#finished || this.#failed) return;
    const samples = this.#agentRate.convert(frame);
    if (!samples) return;
    const startsAnswer = responseId !== this.#responseId;
    this.#responseId = responseId;
    this.#timeline.agent(samples, atMs, startsAnswer);
  }

  agentCleared(atMs: number, heardMs?: number): void {
    this.#timeline.clearAgent(atMs, heardMs);
    this.#agentRate.reset();
  }

  async finish(atMs: number): Promise<RecordedAudio | null> {
    if (this.#finished) return null;
    this.#finished = true;
    this.#timeline.end(atMs);
    this.#encoder.end();
    this.#body.end();
    this.#callerRate.close();
    this.#agentRate.close();
    await this.#stored;
    if (this.#failed) return null;
    return { key: this.#key, durationMs: this.#encoder.durationMs };
  }
}

/** One side's audio at the recording rate, with a converter per input rate it arrives in. */
class ToRecordingRate {
  readonly #byRate = new Map<number, Resampler>();

  convert(frame: AudioFrame): Int16Array | null {
    if (frame.sampleRate === STEREO_RECORDING_RATE) return frame.samples;
    if (!isSampleRate(frame.sampleRate)) return null;
    let resampler = this.#byRate.get(frame.sampleRate);
    if (!resampler) {
      resampler = new Resampler(frame.sampleRate, STEREO_RECORDING_RATE);
      this.#byRate.set(frame.sampleRate, resampler);
    }
    return resampler.processFrame({ samples: frame.samples, sampleRate: frame.sampleRate }).samples;
  }

  reset(): void {
    for (const resampler of this.#byRate.values()) resampler.reset();
  }

  close(): void {
    for (const resampler of this.#byRate.values()) resampler.destroy();
    this.#byRate.clear();
  }
}
