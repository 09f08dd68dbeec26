/** The sentences of one spoken answer with where their audio starts, in milliseconds. */
export type AnswerLog = { sentences: Array<{ text: string; startMs: number }> };

/** The part of an answer the caller heard before cutting in after `playedMs`. */
export function heardText(log: AnswerLog, playedMs: number): string {
  return log.sentences
    .filter((sentence) => sentence.startMs < playedMs)
    .map((sentence) => sentence.text)
    .join(' ');
}
