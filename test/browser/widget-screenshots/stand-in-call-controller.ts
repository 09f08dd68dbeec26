// For screenshots only, never shipped nor used by tests: a CallController the
// screenshot script steers into each state from the page.
import type {
  AudioLevels,
  CallController,
  CallControllerEvents,
  CallControllerOptions,
  CallState,
  TranscriptLine,
} from '../../../src/widget/call/call-types.js';

class StandInCall implements CallController {
  state: CallState = { status: 'idle' };
  transcript: readonly TranscriptLine[] = [];
  readonly #states = new Set<(state: CallState) => void>();
  readonly #transcripts = new Set<(lines: readonly TranscriptLine[]) => void>();
  readonly #levels = new Set<(levels: AudioLevels) => void>();

  on<K extends keyof CallControllerEvents>(
    event: K,
    listener: (value: CallControllerEvents[K]) => void,
  ): () => void {
    const set = (
      event === 'state' ? this.#states : event === 'transcript' ? this.#transcripts : this.#levels
    ) as Set<typeof listener>;
    set.add(listener);
    return () => set.delete(listener);
  }

  async start(): Promise<void> {
    this.set({ status: 'requesting-microphone' });
  }

  setMuted(muted: boolean): void {
    if (this.state.status === 'active') this.set({ ...this.state, muted });
  }

  end(): void {
    this.set({
      status: 'ended',
      reason: 'caller_ended',
      durationMs: 83_000,
      message: null,
      callId: 'stand-in',
    });
  }

  async rate(): Promise<void> {}

  transcriptText(): string {
    return this.transcript.map((line) => `${line.speaker}: ${line.text}`).join('\n');
  }

  dispose(): void {}

  set(state: CallState): void {
    this.state = state;
    for (const listener of this.#states) listener(state);
  }

  setTranscript(lines: TranscriptLine[]): void {
    this.transcript = lines;
    for (const listener of this.#transcripts) listener(lines);
  }

  levels(caller: number, agent: number): void {
    for (const listener of this.#levels) listener({ caller, agent });
  }
}

declare global {
  interface Window {
    standInCalls?: StandInCall[];
  }
}

export function createCallController(_options: CallControllerOptions): CallController {
  const call = new StandInCall();
  window.standInCalls ??= [];
  window.standInCalls.push(call);
  return call;
}
