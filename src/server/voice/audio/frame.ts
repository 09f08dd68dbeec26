/** Mono 16-bit PCM at a known rate: the one audio shape every layer exchanges. */
export type AudioFrame = {
  samples: Int16Array;
  sampleRate: number;
  /**
   * The same audio as G.711 μ-law bytes (8 kHz), when it arrived that way: a
   * μ-law caller leg and a μ-law provider pass these on untouched (see
   * MulawFrame). A stage that makes new samples makes a frame without them.
   */
  readonly mulaw?: Uint8Array;
  /** Samples in the frame, when it knows them without decoding (a μ-law frame kept as base64). */
  readonly sampleCount?: number;
};

export const FRAME_MS = 20;

/** Samples in the frame, counted without decoding μ-law it carries. */
export const frameSampleCount = (frame: AudioFrame): number =>
  frame.sampleCount ?? frame.mulaw?.length ?? frame.samples.length;

export const frameDurationMs = (frame: AudioFrame): number =>
  (frameSampleCount(frame) * 1000) / frame.sampleRate;
