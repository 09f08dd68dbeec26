import { createFirResampler, type StreamResampler } from './fir-resampler';
import { meterLevel } from './level';
import {
  CAPTURE_PROCESSOR,
  type CaptureMessage,
  type CaptureOptions,
  PLAYBACK_PROCESSOR,
  type PlaybackCommand,
  type PlaybackOptions,
  type PlaybackReport,
} from './worklet-scope';
import { addCallWorklets } from './worklet-source';

/** The rate both directions of the call run at when the browser allows it. */
const PREFERRED_SAMPLE_RATE = 24_000;
const CAPTURE_CHUNK_MS = 20;
const PLAYBACK_BUFFER_SECONDS = 30;
const PLAYBACK_REPORT_MS = 40;

export type CallAudioHandlers = {
  /** One chunk of caller audio at the server's input rate. */
  onCapture(samples: Int16Array): void;
  /** Agent audio played or dropped so far, in ms, cumulative. */
  onPlayback(playedMs: number, cleared: boolean): void;
};

/**
 * The call's audio graph: microphone → capture worklet (caller PCM16 out)
 * and agent PCM16 in → playback worklet → speakers, with the levels of both.
 */
export class CallAudio {
  readonly #context: AudioContext;
  #captureContext: AudioContext | null = null;
  #capture: AudioWorkletNode | null = null;
  #source: MediaStreamAudioSourceNode | null = null;
  #playback: AudioWorkletNode | null = null;
  #agentResampler: StreamResampler | null = null;
  #callerRms = 0;
  #agentRms = 0;
  #closed = false;

  /** Creates the context at once: called from the click that starts the call, it may play sound. */
  constructor() {
    this.#context = createContext();
    void this.#context.resume().catch(() => {});
  }

  /** Wires the microphone and loads the worklets; rejects when the browser cannot run them. */
  async start(
    microphone: MediaStream,
    rates: { inputSampleRate: number; outputSampleRate: number },
    handlers: CallAudioHandlers,
  ): Promise<void> {
    const context = this.#context;
    await addCallWorklets(context);
    const playbackOptions: PlaybackOptions = {
      bufferSeconds: PLAYBACK_BUFFER_SECONDS,
      reportMs: PLAYBACK_REPORT_MS,
    };
    const playback = new AudioWorkletNode(context, PLAYBACK_PROCESSOR, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: playbackOptions,
    });
    playback.port.onmessage = (event: MessageEvent<PlaybackReport>) => {
      const { played, dropped, rms, cleared } = event.data;
      this.#agentRms = rms;
      handlers.onPlayback(((played + dropped) / context.sampleRate) * 1000, cleared);
    };
    playback.connect(context.destination);
    this.#playback = playback;
    if (context.sampleRate !== rates.outputSampleRate) {
      this.#agentResampler = createFirResampler(rates.outputSampleRate, context.sampleRate);
    }

    const { source, captureContext } = await this.#microphoneSource(microphone);
    const captureOptions: CaptureOptions = {
      outputRate: rates.inputSampleRate,
      chunkSamples: (rates.inputSampleRate * CAPTURE_CHUNK_MS) / 1000,
    };
    const capture = new AudioWorkletNode(captureContext, CAPTURE_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions: captureOptions,
    });
    capture.port.onmessage = (event: MessageEvent<CaptureMessage>) => {
      this.#callerRms = event.data.rms;
      handlers.onCapture(event.data.samples);
    };
    source.connect(capture);
    // The capture node outputs silence; connecting it keeps every browser pulling it.
    capture.connect(captureContext.destination);
    this.#source = source;
    this.#capture = capture;
    await this.#context.resume();
  }

  /** Queues agent PCM16 (at the server's output rate) for playback. */
  play(pcm: Int16Array): void {
    const playback = this.#playback;
    if (!playback || this.#closed) return;
    const floats = new Float32Array(pcm.length);
    for (let i = 0; i < pcm.length; i++) floats[i] = (pcm[i] ?? 0) / 0x8000;
    let samples = floats;
    if (this.#agentResampler) {
      const out = new Float32Array(this.#agentResampler.maxOutput(floats.length));
      samples = out.subarray(0, this.#agentResampler.process(floats, out));
    }
    const command: PlaybackCommand = { type: 'audio', samples };
    playback.port.postMessage(command, [samples.buffer]);
  }

  /** Drops all buffered agent audio now (barge-in); a playback report with `cleared` follows. */
  clear(): void {
    const command: PlaybackCommand = { type: 'clear' };
    this.#playback?.port.postMessage(command);
  }

  /** Meter levels (0–1) of the microphone and of the agent's audio. */
  levels(): { caller: number; agent: number } {
    return { caller: meterLevel(this.#callerRms), agent: meterLevel(this.#agentRms) };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#source?.disconnect();
    this.#capture?.disconnect();
    this.#playback?.disconnect();
    if (this.#capture) this.#capture.port.onmessage = null;
    if (this.#playback) this.#playback.port.onmessage = null;
    void this.#context.close().catch(() => {});
    void this.#captureContext?.close().catch(() => {});
  }

  async #microphoneSource(microphone: MediaStream) {
    try {
      return {
        source: this.#context.createMediaStreamSource(microphone),
        captureContext: this.#context,
      };
    } catch (error) {
      // Firefox cannot connect a microphone to a context at another rate than the device's.
      if (!(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
      const captureContext = new AudioContext();
      this.#captureContext = captureContext;
      await addCallWorklets(captureContext);
      await captureContext.resume();
      return { source: captureContext.createMediaStreamSource(microphone), captureContext };
    }
  }
}

function createContext(): AudioContext {
  try {
    return new AudioContext({ sampleRate: PREFERRED_SAMPLE_RATE, latencyHint: 'interactive' });
  } catch {
    return new AudioContext({ latencyHint: 'interactive' });
  }
}
