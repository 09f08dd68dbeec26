import { useCallback, useEffect, useRef, useState } from 'react';
import { CallAudio } from '../../../../widget/call/audio/call-audio';
import { CallSocket } from '../../../../widget/call/call-socket';
import { openMicrophone, releaseMicrophone } from '../../../../widget/call/microphone';
import { takeOverSocketUrl } from '../../api/take-over';

/** The take-over socket runs both directions at this rate (the server's TAKE_OVER_SAMPLE_RATE). */
const SAMPLE_RATE = 24_000;

export type PersonCallState =
  | { status: 'connecting' }
  | { status: 'live' }
  | { status: 'ended'; reason: string }
  | { status: 'failed'; message: string };

const MICROPHONE_SETTINGS = { echoCancellation: true, noiseSuppression: true };

/**
 * The person's side of a call they accepted: their microphone to the caller
 * and the caller's voice to their speakers, over the take-over socket, with
 * the same audio worklets as the website widget.
 */
export function usePersonCall(callId: string) {
  const [state, setState] = useState<PersonCallState>({ status: 'connecting' });
  const [muted, setMuted] = useState(false);
  const socketRef = useRef<CallSocket | null>(null);

  useEffect(() => {
    let stopped = false;
    let microphone: MediaStream | null = null;
    const audio = new CallAudio();
    const stop = () => {
      stopped = true;
      socketRef.current?.close();
      socketRef.current = null;
      audio.close();
      releaseMicrophone(microphone);
    };
    void (async () => {
      const mic = await openMicrophone(MICROPHONE_SETTINGS);
      if (stopped) return mic.ok && releaseMicrophone(mic.stream);
      if (!mic.ok) return setState({ status: 'failed', message: mic.message });
      microphone = mic.stream;
      const socket = new CallSocket(takeOverSocketUrl(callId), {
        onOpen: () => {
          audio
            .start(
              mic.stream,
              { inputSampleRate: SAMPLE_RATE, outputSampleRate: SAMPLE_RATE },
              {
                onCapture: (samples) => socket.sendAudio(samples),
                onPlayback: (playedMs) => socket.send({ type: 'playback', playedMs }),
              },
            )
            .then(() => !stopped && setState({ status: 'live' }))
            .catch(() =>
              setState({ status: 'failed', message: 'This browser cannot play the call audio.' }),
            );
        },
        onEvent: (event) => {
          if (event.type === 'error') setState({ status: 'failed', message: event.message });
          if (event.type === 'call.ending') setState({ status: 'ended', reason: event.reason });
        },
        onAudio: (samples) => audio.play(samples),
        onClose: () =>
          setState((current) =>
            current.status === 'ended' || current.status === 'failed'
              ? current
              : { status: 'ended', reason: 'disconnected' },
          ),
      });
      socketRef.current = socket;
    })();
    return stop;
  }, [callId]);

  const toggleMute = useCallback(() => {
    setMuted((was) => {
      socketRef.current?.send({ type: was ? 'unmute' : 'mute' });
      return !was;
    });
  }, []);

  return { state, muted, toggleMute };
}
