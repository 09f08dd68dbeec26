import { type RefObject, useEffect, useRef, useState } from 'react';
import { fetchVoicePreview } from '../../../api/call-options';
import { errorMessage } from '../../../lib/errors';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'playing' }
  | { status: 'failed'; message: string };

type Playback = { audio: HTMLAudioElement | null; url: string | null; attempt: number };

function release(ref: RefObject<Playback>) {
  ref.current.audio?.pause();
  if (ref.current.url) URL.revokeObjectURL(ref.current.url);
  ref.current = { ...ref.current, audio: null, url: null };
}

/** Plays one voice sample at a time; a new request or unmounting stops the previous one. */
export function useVoicePreview() {
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const playback = useRef<Playback>({ audio: null, url: null, attempt: 0 });

  useEffect(() => () => release(playback), []);

  const stop = () => {
    playback.current.attempt++;
    release(playback);
    setState({ status: 'idle' });
  };

  const play = async (modelId: string, voice: string) => {
    release(playback);
    const attempt = ++playback.current.attempt;
    setState({ status: 'loading' });
    try {
      const blob = await fetchVoicePreview(modelId, voice);
      if (attempt !== playback.current.attempt) return;
      const url = URL.createObjectURL(blob);
      const audio = new Audio(url);
      playback.current = { audio, url, attempt };
      audio.addEventListener('ended', () => {
        if (attempt === playback.current.attempt) stop();
      });
      await audio.play();
      setState({ status: 'playing' });
    } catch (error) {
      if (attempt !== playback.current.attempt) return;
      release(playback);
      setState({ status: 'failed', message: errorMessage(error) });
    }
  };

  return { state, play, stop };
}
