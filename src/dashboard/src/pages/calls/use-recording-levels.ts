import { useEffect, useState } from 'react';
import { levelsOf, type RecordingLevels } from './recording-levels';

export type LevelsState =
  | { status: 'loading' }
  | { status: 'ready'; levels: RecordingLevels }
  | { status: 'failed' };

/** Fetches the recording once (by its first link) and measures both sides for the waveform. */
export function useRecordingLevels(url: string, bars: number): LevelsState {
  const [state, setState] = useState<LevelsState>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    (async () => {
      const res = await fetch(url, { signal: abort.signal });
      if (!res.ok) throw new Error(`recording ${res.status}`);
      const context = new OfflineAudioContext(2, 1, 16_000);
      const audio = await context.decodeAudioData(await res.arrayBuffer());
      if (!abort.signal.aborted) setState({ status: 'ready', levels: levelsOf(audio, bars) });
    })().catch(() => {
      if (!abort.signal.aborted) setState({ status: 'failed' });
    });
    return () => abort.abort();
  }, [url, bars]);
  return state;
}
