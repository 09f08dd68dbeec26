/** Mono 16-bit PCM at a known rate: the one audio shape every layer exchanges. */
export type AudioFrame = {
  samples: Int16Array;
  sampleRate: number;
};

export const FRAME_MS = 20;

export const frameDurationMs = (frame: AudioFrame): number =>
  (frame.samples.length * 1000) / frame.sampleRate;
