import type {
  PlaybackCommand,
  PlaybackOptions,
  PlaybackReport,
  WorkletScope,
} from './worklet-scope';

/**
 * Registers the playback processor: a ring buffer of agent audio played in
 * arrival order, emptied at once on `clear` (barge-in). It reports how many
 * samples it played and dropped, and the level of what it played, every
 * `reportMs` while audio plays and right after a clear.
 *
 * Stringified into the worklet module: it may use only its parameters (see
 * registerCaptureProcessor).
 */
export function registerPlaybackProcessor(scope: WorkletScope, name: string): void {
  class PlaybackProcessor extends scope.AudioWorkletProcessor {
    declare ring: Float32Array;
    declare readAt: number;
    declare buffered: number;
    declare played: number;
    declare dropped: number;
    declare reportFrames: number;
    declare windowFrames: number;
    declare windowSquares: number;
    declare windowPlayed: boolean;
    declare lastWindowPlayed: boolean;

    constructor(options: { processorOptions?: unknown }) {
      super();
      const { bufferSeconds, reportMs } = options.processorOptions as PlaybackOptions;
      this.ring = new Float32Array(Math.ceil(scope.sampleRate * bufferSeconds));
      this.readAt = 0;
      this.buffered = 0;
      this.played = 0;
      this.dropped = 0;
      this.reportFrames = Math.round((scope.sampleRate * reportMs) / 1000);
      this.windowFrames = 0;
      this.windowSquares = 0;
      this.windowPlayed = false;
      this.lastWindowPlayed = false;
      this.port.onmessage = (event: MessageEvent<PlaybackCommand>) => {
        if (event.data.type === 'audio') this.write(event.data.samples);
        else this.clear();
      };
    }

    write(samples: Float32Array): void {
      const capacity = this.ring.length;
      let incoming = samples;
      if (incoming.length > capacity) {
        this.dropped += incoming.length - capacity;
        incoming = incoming.subarray(incoming.length - capacity);
      }
      // A full buffer loses its oldest audio, which counts as dropped.
      const overflow = this.buffered + incoming.length - capacity;
      if (overflow > 0) {
        this.readAt = (this.readAt + overflow) % capacity;
        this.buffered -= overflow;
        this.dropped += overflow;
      }
      const writeAt = (this.readAt + this.buffered) % capacity;
      const firstPart = Math.min(incoming.length, capacity - writeAt);
      this.ring.set(incoming.subarray(0, firstPart), writeAt);
      this.ring.set(incoming.subarray(firstPart), 0);
      this.buffered += incoming.length;
    }

    clear(): void {
      this.dropped += this.buffered;
      this.buffered = 0;
      this.report(true);
    }

    process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
      const output = outputs[0]?.[0];
      if (!output) return true;
      const count = Math.min(output.length, this.buffered);
      for (let i = 0; i < count; i++) {
        const sample = this.ring[this.readAt] ?? 0;
        output[i] = sample;
        this.windowSquares += sample * sample;
        this.readAt = this.readAt + 1 === this.ring.length ? 0 : this.readAt + 1;
      }
      this.buffered -= count;
      this.played += count;
      if (count > 0) this.windowPlayed = true;
      this.windowFrames += output.length;
      if (this.windowFrames >= this.reportFrames) {
        // One report after the audio stops, so the level falls back to zero.
        if (this.windowPlayed || this.lastWindowPlayed) this.report(false);
        this.lastWindowPlayed = this.windowPlayed;
        this.windowPlayed = false;
        this.windowFrames = 0;
        this.windowSquares = 0;
      }
      return true;
    }

    report(cleared: boolean): void {
      const report: PlaybackReport = {
        played: this.played,
        dropped: this.dropped,
        rms: this.windowFrames > 0 ? Math.sqrt(this.windowSquares / this.windowFrames) : 0,
        cleared,
      };
      this.port.postMessage(report);
    }
  }
  scope.registerProcessor(name, PlaybackProcessor);
}
