import type { TranscriptLine } from './call-types';

type Speaker = TranscriptLine['speaker'];

/**
 * Turns streamed transcript events into lines: deltas grow the speaker's open
 * line, a final replaces its text and closes it. Every change makes a new
 * array (and new objects for changed lines), so UIs can compare by identity.
 */
export class TranscriptBuilder {
  #lines: readonly TranscriptLine[] = [];
  #nextId = 1;
  /** A barge-in came before the cut answer had a line; its final gets the mark. */
  #interruptNextAgentLine = false;

  get lines(): readonly TranscriptLine[] {
    return this.#lines;
  }

  delta(speaker: Speaker, text: string): void {
    const open = this.#openLine(speaker);
    if (open) this.#replace(open, { ...open, text: open.text + text });
    else this.#append(speaker, text, false);
  }

  final(speaker: Speaker, text: string): void {
    const open = this.#openLine(speaker);
    if (open) this.#replace(open, { ...open, text, final: true });
    else this.#append(speaker, text, true);
  }

  /** The caller cut the agent short (`playback.clear`). */
  agentInterrupted(): void {
    const open = this.#openLine('agent');
    if (open) this.#replace(open, { ...open, interrupted: true });
    else this.#interruptNextAgentLine = true;
  }

  #openLine(speaker: Speaker): TranscriptLine | undefined {
    return this.#lines.findLast((line) => line.speaker === speaker && !line.final);
  }

  #append(speaker: Speaker, text: string, final: boolean): void {
    const interrupted = speaker === 'agent' && this.#interruptNextAgentLine;
    if (speaker === 'agent') this.#interruptNextAgentLine = false;
    this.#lines = [...this.#lines, { id: this.#nextId++, speaker, text, final, interrupted }];
  }

  #replace(line: TranscriptLine, next: TranscriptLine): void {
    this.#lines = this.#lines.map((l) => (l === line ? next : l));
  }
}
