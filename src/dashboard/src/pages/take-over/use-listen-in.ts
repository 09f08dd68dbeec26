import { useEffect, useState } from 'react';
import { CallAudio } from '../../../../widget/call/audio/call-audio';
import { CallSocket } from '../../../../widget/call/call-socket';
import { listenSocketUrl } from '../../api/take-over';

const SAMPLE_RATE = 24_000;

export type ListenState = 'connecting' | 'listening' | 'ended' | 'failed';

/**
 * Plays a live call's two sides, mixed by the server, to a supervisor who
 * listens in. Nothing is captured: the supervisor's socket carries no audio.
 */
export function useListenIn(callId: string, enabled: boolean): ListenState {
  const [state, setState] = useState<ListenState>('connecting');
  useEffect(() => {
    if (!enabled) return;
    setState('connecting');
    const audio = new CallAudio();
    // The audio graph wants a microphone; a silent stream stands in, so no permission is asked.
    const silence = new AudioContext();
    const silent = silence.createMediaStreamDestination().stream;
    const socket = new CallSocket(listenSocketUrl(callId), {
      onOpen: () =>
        audio
          .start(
            silent,
            { inputSampleRate: SAMPLE_RATE, outputSampleRate: SAMPLE_RATE },
            { onCapture: () => {}, onPlayback: () => {} },
          )
          .then(() => setState('listening'))
          .catch(() => setState('failed')),
      onEvent: () => {},
      onAudio: (samples) => audio.play(samples),
      onClose: (code) => setState(code === 1000 ? 'ended' : 'failed'),
    });
    return () => {
      socket.close();
      audio.close();
      void silence.close().catch(() => {});
    };
  }, [callId, enabled]);
  return state;
}
