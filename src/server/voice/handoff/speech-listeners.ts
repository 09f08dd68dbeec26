import type { Logger } from 'pino';
import { CallerListener } from '../providers/local/caller-listener.js';
import type { LocalVoiceEngine } from '../providers/local/engine.js';
import { SpeechDetector } from '../providers/local/vad/speech-detector.js';

/** Hears one side of a call at 16 kHz and reports each utterance as text. */
export type SpeechListener = Pick<CallerListener, 'push' | 'close' | 'on'>;

/** Makes a listener for one side of a call a person has taken over; rejects without an engine. */
export type SpeechListenerFactory = () => Promise<SpeechListener>;

export const SPEECH_LISTENER_RATE = 16_000;

/** Transcribes a taken-over call with the local engine's voice activity detection and speech-to-text. */
export function localSpeechListeners(
  engine: LocalVoiceEngine,
  logger: Logger,
): SpeechListenerFactory {
  return async () => {
    const parts = await engine.parts();
    const detector = new SpeechDetector({
      vad: parts.vad.createStream(),
      threshold: 0.5,
      minSilenceMs: 500,
      prefixPaddingMs: 300,
    });
    return new CallerListener({
      detector,
      transcriber: parts.transcriber,
      recognition: { mode: 'general', grammar: null },
      logger,
    });
  };
}
