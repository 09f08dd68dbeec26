/**
 * Two mono streams laid on one timeline as stereo (left, right), emitted in
 * fixed chunks as the timeline moves on, so a call's recording streams out
 * instead of growing in memory. Each side is placed by the time its audio
 * was heard: the caller's audio when it arrives, the agent's when it would
 * play (right after what is already queued for the caller, never before
 * now). Only the part not yet final is held: from the last emitted sample to
 * the end of the agent audio queued ahead.
 */
export type StereoTimelineOptions = {
  sampleRate: number;
  /** Samples per channel in one emitted chunk. */
  chunkSamples: number;
  /** Emits one chunk: chunkSamples × 2 interleaved samples. */
  emit(interleaved: Int16Array): void;
  /** How late a caller frame may arrive and still be placed after the one before (network jitter). */
  jitterMs?: number;
};

const DEFAULT_JITTER_MS = 300;

export class StereoTimeline {
  readonly #o: StereoTimelineOptions;
  readonly #jitterSamples: number;
  /** Timeline position of index 0 of the buffers: everything before it is emitted. */
  #base = 0;
  #left = new Int16Array(0);
  #right = new Int16Array(0);
  #callerEnd = 0;
  #agentEnd = 0;
  /** Where the current answer's first audio was placed. */
  #answerStart: number | null = null;
  #ended = false;

  constructor(options: StereoTimelineOptions) {
    this.#o = options;
    this.#jitterSamples = Math.round(
      ((options.jitterMs ?? DEFAULT_JITTER_MS) * options.sampleRate) / 1000,
    );
  }

  /** Samples per channel emitted so far. */
  get emittedSamples(): number {
    return this.#base;
  }

  /** Caller audio that arrived (finished arriving) at `nowMs`. */
  caller(samples: Int16Array, nowMs: number): void {
    if (this.#ended || samples.length === 0) return;
    const now = this.#position(nowMs);
    const heardFrom = now - samples.length;
    // Frames come back to back; after a gap (muted, lost audio) the next one starts where it was heard.
    let at = this.#callerEnd;
    if (heardFrom - at > this.#jitterSamples) at = heardFrom;
    at = Math.max(at, this.#base);
    this.#write('left', samples, at);
    this.#callerEnd = at + samples.length;
    this.#emitUntil(now - this.#jitterSamples);
  }

  /**
   * Agent audio handed to the caller's leg at `nowMs`: it plays after what is
   * already queued. `startsAnswer` marks the first audio of an answer, from
   * which what the caller heard of it is counted (clearAgent).
   */
  agent(samples: Int16Array, nowMs: number, startsAnswer = false): void {
    if (this.#ended || samples.length === 0) return;
    const now = this.#position(nowMs);
    const at = Math.max(this.#agentEnd, now, this.#base);
    if (startsAnswer) this.#answerStart = at;
    this.#write('right', samples, at);
    this.#agentEnd = at + samples.length;
    this.#emitUntil(now - this.#jitterSamples);
  }

  /**
   * The caller's queue was cleared at `nowMs` (barge-in): agent audio not yet
   * played is dropped. With `heardMs` (what the leg says the caller heard of
   * the current answer) the cut is there, never later than now.
   */
  clearAgent(nowMs: number, heardMs?: number): void {
    let cut = this.#position(nowMs);
    if (heardMs !== undefined && this.#answerStart !== null) {
      cut = Math.min(cut, this.#answerStart + this.#position(heardMs));
    }
    cut = Math.max(cut, this.#base);
    if (this.#agentEnd > cut) this.#right.fill(0, cut - this.#base, this.#agentEnd - this.#base);
    this.#agentEnd = Math.min(this.#agentEnd, cut);
  }

  /** The call ended at `nowMs`: emits everything up to then (whole chunks, the last padded). */
  end(nowMs: number): void {
    if (this.#ended) return;
    this.clearAgent(nowMs);
    const last = Math.max(this.#position(nowMs), this.#callerEnd);
    const chunk = this.#o.chunkSamples;
    this.#emitUntil(Math.ceil(last / chunk) * chunk);
    this.#ended = true;
    this.#left = new Int16Array(0);
    this.#right = new Int16Array(0);
  }

  #position(ms: number): number {
    return Math.max(0, Math.round((ms * this.#o.sampleRate) / 1000));
  }

  #write(side: 'left' | 'right', samples: Int16Array, at: number): void {
    this.#ensure(at + samples.length);
    (side === 'left' ? this.#left : this.#right).set(samples, at - this.#base);
  }

  #ensure(end: number): void {
    const needed = end - this.#base;
    if (needed <= this.#left.length) return;
    const size = Math.max(needed, this.#left.length * 2, this.#o.chunkSamples * 16);
    const left = new Int16Array(size);
    left.set(this.#left);
    const right = new Int16Array(size);
    right.set(this.#right);
    this.#left = left;
    this.#right = right;
  }

  #emitUntil(position: number): void {
    const chunk = this.#o.chunkSamples;
    const chunks = Math.floor((position - this.#base) / chunk);
    if (chunks <= 0) return;
    const count = chunks * chunk;
    this.#ensure(this.#base + count);
    for (let c = 0; c < chunks; c++) {
      const interleaved = new Int16Array(chunk * 2);
      const offset = c * chunk;
      for (let i = 0; i < chunk; i++) {
        interleaved[2 * i] = this.#left[offset + i] ?? 0;
        interleaved[2 * i + 1] = this.#right[offset + i] ?? 0;
      }
      this.#o.emit(interleaved);
    }
    // Slide what is left to the front and clear the freed tail.
    this.#left.copyWithin(0, count);
    this.#left.fill(0, this.#left.length - count);
    this.#right.copyWithin(0, count);
    this.#right.fill(0, this.#right.length - count);
    this.#base += count;
  }
}
