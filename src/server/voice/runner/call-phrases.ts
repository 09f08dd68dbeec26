/** What the runner itself says or shows; everything else the agent phrases in its own words. */
export const callPhrases = {
  stillThere: 'Are you still there?',
  inactivityNotice: 'Call ended due to inactivity',
  maxDurationClosing:
    "I'm sorry, we've reached the time limit for this call. Thank you for calling, and goodbye!",
  farewell: 'Thank you for calling. Goodbye!',
  /** The spec's line when nobody can take the call over. */
  busy: 'All agents are busy. Can I take a message?',
  holdForPerson: 'Let me connect you with a team member. Please hold.',
  stillConnecting: 'Still connecting you. Thank you for holding.',
  handedBack: "Thanks for holding. You're back with the virtual assistant. How else can I help?",
  personLeft:
    "I'm sorry, our team member was disconnected. You're back with the virtual assistant. How can I help?",
  transferring: "I'll connect you with a member of our team now. Please hold.",
  transferFailed:
    "I'm sorry, I couldn't put you through to anyone right now. I can take a message so someone calls you back.",
} as const;

/**
 * The opening line of a call the company placed: who is calling and why
 * (the reason reads on after "I'm calling about": "your appointment on Tuesday").
 */
export function outboundGreeting(caller: string, reason: string | null): string {
  const about = reason?.trim().replace(/[.!?\s]+$/, '');
  const why = about ? `I'm calling about ${about}.` : "I'm calling to follow up with you.";
  return `Hello, this is the virtual assistant of ${caller}. ${why} Is now a good time to talk?`;
}

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
