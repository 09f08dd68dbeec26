import { EventEmitter } from 'node:events';
import type { AudioFrame } from '../audio/frame.js';
import { AudioBridge } from '../runner/audio-bridge.js';
import type { CallerLeg, CallerLegEvents, CallNotice } from '../transports/caller-leg.js';

/** Supervisors hear both sides mixed at this rate. */
export const LISTEN_SAMPLE_RATE = 24_000;
/** Audio the caller has yet to hear beyond this is not kept for listeners (a burst of agent audio). */
const MAX_PENDING_SAMPLES = LISTEN_SAMPLE_RATE * 3;

/** Where a supervisor hears the call: only `play` is used. */
export type ListenerLine = Pick<CallerLeg, 'play' | 'close' | 'notify'>;

/**
 * The caller's leg as the runner uses it, with supervisors listening in
 * silently: whatever the caller says and whatever is played to them (the
 * AI, hold audio, a person) is mixed for each listener. The caller's own
 * audio paces the mix, so agent audio that arrives in bursts is heard when
 * the caller hears it. Costs one branch per frame while nobody listens.
 */
export class ListenedLeg extends EventEmitter<CallerLegEvents> implements CallerLeg {
  readonly #leg: CallerLeg;
  readonly #listeners = new Set<ListenerLine>();
  #bridge: AudioBridge | null = null;
  #pending: Int16Array[] = [];
  #pendingSamples = 0;
  #closed = false;

  constructor(leg: CallerLeg) {
    super();
    this.#leg = leg;
    leg.on('audio', (frame) => {
      if (this.#listeners.size > 0) this.#mixWith(frame);
      this.emit('audio', frame);
    });
    leg.on('hangup', (event) => this.emit('hangup', event));
    leg.on('dtmf', (digit) => this.emit('dtmf', digit));
    leg.on('mute', (muted) => this.emit('mute', muted));
  }

  get inputSampleRate(): number {
    return this.#leg.inputSampleRate;
  }

  get outputSampleRate(): number {
    return this.#leg.outputSampleRate;
  }

  get codec(): 'mulaw' | undefined {
    return this.#leg.codec;
  }

  /** A supervisor starts listening; returns how to stop. */
  listen(line: ListenerLine): () => void {
    if (this.#closed) {
      line.close('call_ended');
      return () => {};
    }
    this.#bridge ??= new AudioBridge({
      providerInputRate: LISTEN_SAMPLE_RATE,
      callerOutputRate: LISTEN_SAMPLE_RATE,
    });
    this.#listeners.add(line);
    return () => {
      this.#listeners.delete(line);
      if (this.#listeners.size === 0) this.#dropPending();
    };
  }

  play(frame: AudioFrame): void {
    this.#leg.play(frame);
    if (this.#listeners.size === 0 || !this.#bridge) return;
    const samples = this.#bridge.toCaller(frame).samples;
    if (this.#pendingSamples + samples.length > MAX_PENDING_SAMPLES) return;
    this.#pending.push(samples);
    this.#pendingSamples += samples.length;
  }

  clear(): void {
    this.#leg.clear();
    this.#dropPending();
  }

  playedMs(): number {
    return this.#leg.playedMs();
  }

  startResponse(): void {
    this.#leg.startResponse();
  }

  notify(notice: CallNotice): void {
    this.#leg.notify(notice);
  }

  close(reason: string): void {
    this.#closed = true;
    this.#leg.close(reason);
    for (const line of this.#listeners) line.close(reason);
    this.#listeners.clear();
    this.#bridge?.close();
    this.#bridge = null;
  }

  #mixWith(callerFrame: AudioFrame): void {
    if (!this.#bridge) return;
    const mix = Int16Array.from(this.#bridge.toProvider(callerFrame).samples);
    let filled = 0;
    while (filled < mix.length && this.#pending.length > 0) {
      const chunk = this.#pending[0] as Int16Array;
      const take = Math.min(chunk.length, mix.length - filled);
      for (let i = 0; i < take; i++) {
        mix[filled + i] = clamp((mix[filled + i] ?? 0) + (chunk[i] ?? 0));
      }
      filled += take;
      this.#pendingSamples -= take;
      if (take === chunk.length) this.#pending.shift();
      else this.#pending[0] = chunk.subarray(take);
    }
    const frame = { samples: mix, sampleRate: LISTEN_SAMPLE_RATE };
    for (const line of this.#listeners) line.play(frame);
  }

  #dropPending(): void {
    this.#pending = [];
    this.#pendingSamples = 0;
  }
}

const clamp = (sample: number) => Math.max(-32768, Math.min(32767, sample));
