/** What the runner itself says or shows; everything else the agent phrases in its own words. */
export const callPhrases = {
  stillThere: 'Are you still there?',
  inactivityNotice: 'Call ended due to inactivity',
  maxDurationClosing:
    "I'm sorry, we've reached the time limit for this call. Thank you for calling, and goodbye!",
  farewell: 'Thank you for calling. Goodbye!',
} as const;

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();

/** Whether `text` contains `phrase` as whole words, ignoring case and punctuation. */
export function mentionsPhrase(text: string, phrase: string): boolean {
  const wanted = normalize(phrase);
  if (!wanted) return false;
  return ` ${normalize(text)} `.includes(` ${wanted} `);
}
