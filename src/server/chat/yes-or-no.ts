const YES =
  /\b(yes|yeah|yep|yup|sure|correct|right|please|ok|okay|go ahead|of course|absolutely|definitely|perfect)\b/;
const NO = /\b(no|nope|nah|not|wrong|incorrect|don't)\b/;

/** yes, no, or neither; when both are said, the first one counts ("no, that's right" is no). */
export function yesOrNo(text: string): 'yes' | 'no' | null {
  const words = text.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ');
  const yes = YES.exec(words)?.index ?? -1;
  const no = NO.exec(words)?.index ?? -1;
  if (yes < 0 && no < 0) return null;
  if (no < 0) return 'yes';
  if (yes < 0) return 'no';
  return yes < no ? 'yes' : 'no';
}

/** A short yes ("yes please", "sure"): an answer to a question just asked, not a new request. */
export const isShortYes = (text: string): boolean =>
  text.trim().split(/\s+/).length <= 4 && yesOrNo(text) === 'yes';
