import { useEffect, useRef } from 'preact/hooks';
import type { WidgetMessage } from '../../dashboard/src/api/widget-chat';

/** A short soft chime when a reply from the assistant or a team member has arrived. */
export function useReplySound(
  enabled: boolean,
  messages: WidgetMessage[],
  streamingId: string | null,
): void {
  const heard = useRef<string | null>(null);
  const last = messages.at(-1);
  const done =
    last && (last.role === 'assistant' || last.role === 'agent') && last.id !== streamingId;

  useEffect(() => {
    if (!enabled || !done || !last || heard.current === last.id) return;
    heard.current = last.id;
    chime();
  }, [enabled, done, last]);
}

function chime(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
    tone.onended = () => void audio.close();
  } catch {
    // No audio output available: the message is on screen anyway.
  }
}
