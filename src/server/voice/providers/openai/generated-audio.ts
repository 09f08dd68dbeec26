/** Answers kept for a late truncate; the caller may still hear one after it is done. */
const KEPT_RESPONSES = 16;

type ResponseAudio = { itemId: string; itemMs: number; totalMs: number };

/**
 * How much audio the model has sent for each answer, so a truncation never
 * claims the caller heard more than was generated (the API refuses that).
 * An answer speaks through one assistant message item; that item is the one
 * truncated.
 */
export class GeneratedAudio {
  readonly #responses = new Map<string, ResponseAudio>();

  add(responseId: string, itemId: string, ms: number): void {
    const audio = this.#responses.get(responseId);
    if (!audio) {
      this.#responses.set(responseId, { itemId, itemMs: ms, totalMs: ms });
      this.#forgetOldest();
      return;
    }
    audio.totalMs += ms;
    if (audio.itemId === itemId) audio.itemMs += ms;
  }

  /** All audio generated for an answer, in ms. */
  totalMs(responseId: string): number {
    return this.#responses.get(responseId)?.totalMs ?? 0;
  }

  /**
   * Where to cut an answer the caller heard `playedMs` of: at most the audio
   * generated, whole milliseconds. Undefined when the answer had no audio.
   */
  truncationPoint(
    responseId: string,
    playedMs: number,
  ): { itemId: string; audioEndMs: number } | undefined {
    const audio = this.#responses.get(responseId);
    if (!audio) return undefined;
    const heardMs = Number.isFinite(playedMs) ? Math.max(0, Math.floor(playedMs)) : 0;
    return { itemId: audio.itemId, audioEndMs: Math.min(heardMs, Math.floor(audio.itemMs)) };
  }

  #forgetOldest(): void {
    if (this.#responses.size <= KEPT_RESPONSES) return;
    const oldest = this.#responses.keys().next();
    if (!oldest.done) this.#responses.delete(oldest.value);
  }
}
