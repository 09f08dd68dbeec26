import { type RefObject, useEffect, useRef, useState } from 'react';
import type {
  CallController,
  CallState,
  TranscriptLine,
} from '../../../../../widget/call/call-types';
import { createCallController } from '../../../../../widget/call/create-call';

type Attempt = { controller: CallController; unsubscribe: () => void };

const idle: CallState = { status: 'idle' };

function release(attempt: RefObject<Attempt | null>) {
  attempt.current?.unsubscribe();
  attempt.current?.controller.dispose();
  attempt.current = null;
}

/**
 * One test call at a time through the widget's own call controller, against
 * this dashboard's origin. Each start is a fresh controller, so Retry
 * never inherits a broken socket or microphone.
 */
export function useTestCall(publicId: string) {
  const attempt = useRef<Attempt | null>(null);
  const [controller, setController] = useState<CallController | null>(null);
  const [state, setState] = useState<CallState>(idle);
  const [transcript, setTranscript] = useState<readonly TranscriptLine[]>([]);

  useEffect(() => () => release(attempt), []);

  const start = () => {
    release(attempt);
    const next = createCallController({ apiBase: window.location.origin, chatbotId: publicId });
    const offState = next.on('state', setState);
    const offTranscript = next.on('transcript', setTranscript);
    attempt.current = {
      controller: next,
      unsubscribe: () => {
        offState();
        offTranscript();
      },
    };
    setController(next);
    setState(next.state);
    setTranscript(next.transcript);
    void next.start();
  };

  return { controller, state, transcript, start };
}
