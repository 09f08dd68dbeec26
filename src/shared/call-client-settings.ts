import type { WidgetCallSettings } from './chatbot-settings.js';

/** What the widget's call screen needs to set up the microphone and the UI; nothing private. */
export type CallClientSettings = {
  echoCancellation: boolean;
  noiseSuppression: boolean;
  allowInterruption: boolean;
  maxDurationMs: number;
  showTranscript: boolean;
  showDuration: boolean;
  visualizerStyle: WidgetCallSettings['visualizerStyle'];
};
