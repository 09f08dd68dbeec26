import type { EventEmitter } from 'node:events';
import type { AgentSessionEvents } from '../agent-session.js';

type Emitter = Pick<EventEmitter<AgentSessionEvents>, 'emit'>;
type Turn = { text: string; speaking: boolean; announced: boolean };

/**
 * The caller's turns as far as Gemini lets us see them. Gemini sends no
 * speech-start event except `interrupted`, so a turn is announced
 * (speech.started) on an interruption or on its first transcribed words, and
 * its speech ends (speech.stopped) when the agent starts answering. The
 * transcript keeps arriving after that, as Gemini does not order transcription
 * against the model turn, so the final waits until the answer ends.
 *
 * Words heard while the agent talks, without an interruption, open a turn
 * quietly: announcing it would make the runner cut off an answer Gemini chose
 * to continue. An interruption that follows announces it.
 */
export class CallerTurns {
  readonly #out: Emitter;
  #turn: Turn | null = null;

  constructor(out: Emitter) {
    this.#out = out;
  }

  /** Gemini's activity detection heard the caller barge in. */
  interrupted(): void {
    const turn = this.#turn;
    if (turn?.speaking) return;
    if (turn && !turn.announced) {
      this.#announce(turn);
      return;
    }
    this.finish();
    const next: Turn = { text: '', speaking: false, announced: false };
    this.#turn = next;
    this.#announce(next);
  }

  heard(text: string, agentAnswering: boolean): void {
    if (!this.#turn) {
      this.#turn = { text: '', speaking: false, announced: false };
      if (!agentAnswering) this.#announce(this.#turn);
    }
    this.#turn.text += text;
    this.#out.emit('transcript.delta', { speaker: 'caller', text });
  }

  answerStarted(): void {
    if (!this.#turn?.speaking) return;
    this.#turn.speaking = false;
    this.#out.emit('speech.stopped');
  }

  /** The transcript of the turn just answered is complete, unless the caller is talking again. */
  answerEnded(): void {
    if (!this.#turn?.speaking) this.finish();
  }

  /** Emits the final even when empty once announced, so every speech.started has its final. */
  finish(): void {
    const turn = this.#turn;
    if (!turn) return;
    this.#turn = null;
    if (turn.speaking) this.#out.emit('speech.stopped');
    const text = turn.text.trim();
    if (turn.announced || text) this.#out.emit('transcript.final', { speaker: 'caller', text });
  }

  #announce(turn: Turn): void {
    turn.speaking = true;
    turn.announced = true;
    this.#out.emit('speech.started');
  }
}
