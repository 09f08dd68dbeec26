import { useCallback, useEffect, useState } from 'preact/hooks';
import type { CallController, CallState, TranscriptLine } from '../call/call-types';
import { createCallController } from '../call/create-call';

const idle: CallState = { status: 'idle' };

/** One CallController per call attempt: Call Again and Retry start a fresh one. */
export function useCall(apiBase: string, chatbotId: string) {
  const [controller, setController] = useState<CallController | null>(null);
  const [state, setState] = useState<CallState>(idle);
  const [transcript, setTranscript] = useState<readonly TranscriptLine[]>([]);

  useEffect(() => {
    if (!controller) {
      setState(idle);
      setTranscript([]);
      return;
    }
    setState(controller.state);
    setTranscript(controller.transcript);
    const offState = controller.on('state', (next) => setState(next));
    const offTranscript = controller.on('transcript', (lines) => setTranscript(lines));
    return () => {
      offState();
      offTranscript();
      controller.dispose();
    };
  }, [controller]);

  // Called from the click itself: the controller's AudioContext needs the gesture.
  const start = useCallback(() => {
    const next = createCallController({ apiBase, chatbotId });
    setController(next);
    void next.start();
  }, [apiBase, chatbotId]);

  const reset = useCallback(() => setController(null), []);

  return { controller, state, transcript, start, reset };
}
