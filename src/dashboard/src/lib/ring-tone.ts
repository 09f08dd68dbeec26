/** A phone's two-tone ring (440 + 480 Hz, on 0.4 s, off 0.2 s, on 0.4 s, then 2 s quiet), repeating. */
export type RingTone = { stop(): void };

const PATTERN_MS = 3000;
const BURSTS: Array<[startS: number, lengthS: number]> = [
  [0, 0.4],
  [0.6, 0.4],
];
const VOLUME = 0.12;

type AudioContextClass = typeof AudioContext;

/**
 * Starts ringing through WebAudio. A browser that blocks audio until the page
 * is clicked (or has none) rings silently: the dialog still shows.
 */
export function startRingTone(): RingTone {
  let context: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  try {
    const Context =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
    if (!Context) return { stop() {} };
    const ctx = new Context();
    context = ctx;
    void ctx.resume().catch(() => undefined);
    const ring = () => {
      try {
        if (ctx.state !== 'running') return;
        const gain = ctx.createGain();
        gain.gain.value = 0;
        gain.connect(ctx.destination);
        const now = ctx.currentTime;
        for (const [startS, lengthS] of BURSTS) {
          const from = now + startS;
          gain.gain.setValueAtTime(0, from);
          gain.gain.linearRampToValueAtTime(VOLUME, from + 0.02);
          gain.gain.setValueAtTime(VOLUME, from + lengthS - 0.02);
          gain.gain.linearRampToValueAtTime(0, from + lengthS);
        }
        for (const frequency of [440, 480]) {
          const oscillator = ctx.createOscillator();
          oscillator.frequency.value = frequency;
          oscillator.connect(gain);
          oscillator.start(now);
          oscillator.stop(now + 1.1);
        }
      } catch {
        // A closed or failing audio context: ringing stays silent.
      }
    };
    ring();
    timer = setInterval(ring, PATTERN_MS);
  } catch {
    // No audio here (blocked, unsupported): the dialog is the ring.
  }
  return {
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}
