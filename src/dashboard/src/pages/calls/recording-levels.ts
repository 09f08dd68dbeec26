/** Loudness of each side of a stereo recording in `bars` slices, 0 to 1, for drawing. */
export type RecordingLevels = { caller: number[]; agent: number[]; durationSec: number };

/** Caller on the left channel, agent on the right (as the server records them). */
export function levelsOf(audio: AudioBuffer, bars: number): RecordingLevels {
  const left = audio.getChannelData(0);
  const right = audio.numberOfChannels > 1 ? audio.getChannelData(1) : left;
  const caller = rmsSlices(left, bars);
  const agent = rmsSlices(right, bars);
  // One scale for both sides, so a quiet caller looks quieter than the agent.
  const peak = Math.max(0.02, ...caller, ...agent);
  return {
    caller: caller.map((v) => Math.min(1, v / peak)),
    agent: agent.map((v) => Math.min(1, v / peak)),
    durationSec: audio.duration,
  };
}

function rmsSlices(samples: Float32Array, bars: number): number[] {
  const size = Math.max(1, Math.floor(samples.length / bars));
  const out: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    let sum = 0;
    const start = bar * size;
    const end = Math.min(samples.length, start + size);
    for (let i = start; i < end; i++) sum += (samples[i] ?? 0) ** 2;
    out.push(end > start ? Math.sqrt(sum / (end - start)) : 0);
  }
  return out;
}

export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
