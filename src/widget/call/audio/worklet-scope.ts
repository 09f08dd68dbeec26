/**
 * The parts of AudioWorkletGlobalScope the processors use. TypeScript ships
 * no lib for that scope, and declaring its globals (`sampleRate`,
 * `registerProcessor`) would leak them into the page's code, so each
 * processor module receives the scope as a parameter instead.
 */
export type WorkletScope = {
  sampleRate: number;
  registerProcessor(
    name: string,
    processor: new (options: {
      processorOptions?: unknown;
    }) => WorkletProcessor & {
      process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean;
    },
  ): void;
  AudioWorkletProcessor: new () => WorkletProcessor;
};

export type WorkletProcessor = { readonly port: MessagePort };

export const CAPTURE_PROCESSOR = 'buzzi-call-capture';
export const PLAYBACK_PROCESSOR = 'buzzi-call-playback';

export type CaptureOptions = { outputRate: number; chunkSamples: number };
/** Posted for every chunk of caller audio; `samples` is transferred. */
export type CaptureMessage = { samples: Int16Array; rms: number };

export type PlaybackOptions = { bufferSeconds: number; reportMs: number };
export type PlaybackCommand = { type: 'audio'; samples: Float32Array } | { type: 'clear' };
/** Cumulative sample counts at the context rate, and the RMS of what played since the last report. */
export type PlaybackReport = { played: number; dropped: number; rms: number; cleared: boolean };
