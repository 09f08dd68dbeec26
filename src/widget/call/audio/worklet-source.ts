import { registerCaptureProcessor } from './capture-processor';
import { createFirResampler } from './fir-resampler';
import { registerPlaybackProcessor } from './playback-processor';
import { CAPTURE_PROCESSOR, PLAYBACK_PROCESSOR } from './worklet-scope';

/**
 * Both processors as one worklet module, built from the bundle's own
 * functions so the widget needs no extra file on the host's origin.
 */
const workletSource = `(${registerCaptureProcessor})(globalThis, ${createFirResampler}, ${JSON.stringify(CAPTURE_PROCESSOR)});
(${registerPlaybackProcessor})(globalThis, ${JSON.stringify(PLAYBACK_PROCESSOR)});
`;

/**
 * Loads the processors into `context` from a Blob URL. A host page whose
 * Content-Security-Policy does not allow `blob:` scripts blocks this, and
 * the call fails to start.
 */
export async function addCallWorklets(context: BaseAudioContext): Promise<void> {
  const url = URL.createObjectURL(new Blob([workletSource], { type: 'application/javascript' }));
  try {
    await context.audioWorklet.addModule(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}
