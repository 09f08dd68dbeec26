import { yesOrNo } from '../../../../chat/yes-or-no.js';
import { callPhrases } from '../../../runner/call-phrases.js';
import { isCallbackNumber, readableNumber, spokenDigits } from './spoken-number.js';

/** What the caller left for the team; empty strings for what was not caught. */
export type TakenMessage = { name: string; phone: string; reason: string; bestTime: string };

/** The agent's next line; `end` closes the call after it, saving `message` first when there is one. */
export type DialogueTurn =
  | { say: string }
  | { say: string; end: true; message: TakenMessage | null };

type Step =
  | 'offer'
  | 'name'
  | 'confirm_number'
  | 'number'
  | 'reason'
  | 'best_time'
  | 'confirm'
  | 'correct'
  | 'done';

const NAME_INTRO =
  /^(?:(?:yes|yeah|sure|ok|okay|hi|hello)\s+)*(?:my name is|my name's|the name is|name is|this is|it is|it's|i am|i'm|call me)\s+/;
const FILLER = /^(?:(?:um|uh|er|well|so|yes|yeah|sure|ok|okay)\s+)+/;
const MAX_NAME_WORDS = 4;
// After this many corrections a further "no" saves the message as it stands.
const MAX_CORRECTIONS = 2;

export const messagePhrases = {
  offer: callPhrases.busy,
  offerAgain: 'Sorry, shall I take a message so someone can call you back? Please say yes or no.',
  declined: 'No problem. Thank you for calling, and goodbye!',
  askName: 'May I have your name, please?',
  nameAgain: "Sorry, I didn't catch your name. Could you say it once more?",
  askNumber: 'What number can we call you back on?',
  numberAgain: "Sorry, I didn't catch the whole number. Could you say it again, digit by digit?",
  askReason: 'What would you like us to call you about?',
  reasonAgain: "Sorry, could you tell me again what it's about?",
  askBestTime: 'And when is the best time to call you back?',
  confirmAgain: 'Sorry, is that message right? Please say yes or no.',
  correct: 'What should I correct: your name, your number, the reason or the best time?',
  correctAgain: 'Sorry, was it your name, your number, the reason or the best time?',
} as const;

export const confirmNumberLine = (number: string) =>
  `Is ${readableNumber(number)} the best number to reach you?`;
const confirmNumberAgainLine = (number: string) =>
  `Sorry, should we call you back on ${readableNumber(number)}? Please say yes or no.`;

export function savedLine(name: string): string {
  const to = name ? `, ${name.split(' ')[0]}` : '';
  return `Thank you${to}. I've passed your message to the team, and someone will call you back. Goodbye!`;
}

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const SECOND_PERSON: Record<string, string> = {
  i: 'you',
  "i'm": "you're",
  am: 'are',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
};

/** The caller's words read back to them: "my tooth hurts" → "your tooth hurts". */
export function toSecondPerson(text: string): string {
  return text.replace(/\b[\p{L}']+\b/gu, (word) => {
    const swapped = SECOND_PERSON[word.toLowerCase()];
    return swapped && (word !== 'am' || /\bi am\b/i.test(text)) ? swapped : word;
  });
}

/** The name in "my name is Jane Doe" / "this is Jane" / "Jane Doe"; null when it is not a name. */
export function spokenName(text: string): string | null {
  const words = plain(text).replace(NAME_INTRO, '').replace(FILLER, '').trim();
  if (!words || /\d/.test(words)) return null;
  const count = words.split(' ').length;
  if (count > MAX_NAME_WORDS || (count === 1 && yesOrNo(words))) return null;
  return words.replace(/(^|[\s'-])(\p{L})/gu, (_, before: string, letter: string) => {
    return before + letter.toUpperCase();
  });
}

/**
 * Taking a message without a language model, one question at a time: offer
 * it, then the caller's name, a callback number (the caller ID read back to
 * confirm, when there is one), the reason and the best time to call, then the
 * whole message read back. What it does not catch it asks once more, then
 * moves on without it.
 */
export class MessageTaking {
  readonly #callerNumber: string | null;
  #step: Step = 'offer';
  #missed = false;
  #corrections = 0;
  /** Set while one field is asked again from the read-back: the read-back follows it. */
  #correcting = false;
  #phoneGiven = false;
  readonly #message: TakenMessage = { name: '', phone: '', reason: '', bestTime: '' };

  constructor(options: { callerNumber: string | null }) {
    this.#callerNumber = options.callerNumber;
  }

  /** Whether the dialogue is under way (offered and not finished). */
  get active(): boolean {
    return this.#step !== 'done';
  }

  /** Whether the question asked wants more than yes or no (a name, a number, a reason, a time). */
  get expectsOpenAnswer(): boolean {
    return ['name', 'number', 'reason', 'best_time', 'correct'].includes(this.#step);
  }

  /** The first line: nobody can take the call, would the caller leave a message? */
  offer(): string {
    this.#to('offer');
    return messagePhrases.offer;
  }

  hear(text: string): DialogueTurn {
    switch (this.#step) {
      case 'offer':
        return this.#onOffer(text);
      case 'name':
        return this.#onName(text);
      case 'confirm_number':
        return this.#onConfirmNumber(text);
      case 'number':
        return this.#onNumber(text);
      case 'reason':
        return this.#onReason(text);
      case 'best_time':
        this.#message.bestTime = plain(text);
        return this.#next();
      case 'confirm':
        return this.#onConfirm(text);
      case 'correct':
        return this.#onCorrect(text);
      case 'done':
        return { say: messagePhrases.declined, end: true, message: null };
    }
  }

  /** The caller said goodbye mid-way: what they gave so far is kept, when they gave anything. */
  goodbye(): TakenMessage | null {
    if (this.#step === 'done') return null;
    this.#step = 'done';
    const { name, reason } = this.#message;
    return name || reason || this.#phoneGiven ? { ...this.#message } : null;
  }

  #onOffer(text: string): DialogueTurn {
    const answer = yesOrNo(text);
    if (answer === 'no') {
      this.#step = 'done';
      return { say: messagePhrases.declined, end: true, message: null };
    }
    // Asked twice without a clear answer: a caller who wanted a person is better served by a message.
    if (answer === 'yes' || this.#missed) return this.#ask('name');
    return this.#miss(messagePhrases.offerAgain);
  }

  #onName(text: string): DialogueTurn {
    const name = spokenName(text);
    if (!name && !this.#missed) return this.#miss(messagePhrases.nameAgain);
    if (name) this.#message.name = name;
    return this.#next();
  }

  #onConfirmNumber(text: string): DialogueTurn {
    const digits = spokenDigits(text);
    if (isCallbackNumber(digits)) return this.#setNumber(digits);
    const answer = yesOrNo(text);
    if (answer === 'no') return this.#ask('number');
    if (answer === 'yes' || this.#missed) {
      this.#phoneGiven = answer === 'yes';
      return this.#next();
    }
    return this.#miss(confirmNumberAgainLine(this.#message.phone));
  }

  #onNumber(text: string): DialogueTurn {
    const digits = spokenDigits(text);
    if (isCallbackNumber(digits)) return this.#setNumber(digits);
    if (!this.#missed) return this.#miss(messagePhrases.numberAgain);
    // The digits heard, if any, are still a lead for the team; the caller ID stays otherwise.
    return digits ? this.#setNumber(digits) : this.#next();
  }

  #setNumber(digits: string): DialogueTurn {
    this.#message.phone = digits;
    this.#phoneGiven = true;
    return this.#next();
  }

  #onReason(text: string): DialogueTurn {
    const reason = plain(text);
    const bare = reason.split(' ').length === 1 && yesOrNo(reason);
    if (bare && !this.#missed) return this.#miss(messagePhrases.reasonAgain);
    if (!bare) this.#message.reason = text.trim();
    return this.#next();
  }

  #onConfirm(text: string): DialogueTurn {
    const answer = yesOrNo(text);
    if (answer === 'yes' || (answer === null && this.#missed)) return this.#save();
    if (answer === 'no') {
      if (this.#corrections >= MAX_CORRECTIONS) return this.#save();
      this.#corrections++;
      return this.#ask('correct');
    }
    return this.#miss(messagePhrases.confirmAgain);
  }

  #onCorrect(text: string): DialogueTurn {
    const words = plain(text);
    const field: Step | null = /\bname\b/.test(words)
      ? 'name'
      : /\b(number|phone)\b/.test(words)
        ? 'number'
        : /\b(time|when|day|morning|afternoon|evening)\b/.test(words)
          ? 'best_time'
          : /\b(reason|about|message)\b/.test(words)
            ? 'reason'
            : null;
    if (!field) {
      if (this.#missed) return this.#save();
      return this.#miss(messagePhrases.correctAgain);
    }
    this.#correcting = true;
    return this.#ask(field);
  }

  /** The step after the current one, or back to the read-back after a correction. */
  #next(): DialogueTurn {
    if (this.#correcting) {
      this.#correcting = false;
      return this.#ask('confirm');
    }
    const order: Step[] = ['name', 'confirm_number', 'reason', 'best_time', 'confirm'];
    const from = this.#step === 'number' ? 'confirm_number' : this.#step;
    let next = order[order.indexOf(from) + 1] ?? 'confirm';
    if (next === 'confirm_number' && !this.#callerNumber) next = 'number';
    return this.#ask(next, from === 'name');
  }

  #ask(step: Step, afterName = false): DialogueTurn {
    this.#to(step);
    const { name } = this.#message;
    const thanks = afterName && name ? `Thank you, ${name.split(' ')[0]}. ` : '';
    switch (step) {
      case 'name':
        return { say: messagePhrases.askName };
      case 'confirm_number':
        this.#message.phone = this.#callerNumber ?? '';
        return { say: `${thanks}${confirmNumberLine(this.#message.phone)}` };
      case 'number':
        return { say: `${thanks}${messagePhrases.askNumber}` };
      case 'reason':
        return { say: messagePhrases.askReason };
      case 'best_time':
        return { say: messagePhrases.askBestTime };
      case 'confirm':
        return { say: this.#readBack() };
      case 'correct':
        return { say: messagePhrases.correct };
      default:
        return { say: messagePhrases.offer };
    }
  }

  #readBack(): string {
    const { name, phone, reason, bestTime } = this.#message;
    const parts = [
      name ? `your name is ${name}` : null,
      phone ? `we'll call you on ${readableNumber(phone)}` : null,
      reason ? `the reason: ${toSecondPerson(reason.replace(/[.!?]+$/, ''))}` : null,
      bestTime ? `the best time is ${bestTime}` : null,
    ].filter(Boolean);
    const said = parts.length ? `${parts.join(', ')}.` : 'you would like a call back.';
    return `Let me read that back: ${said} Is that right?`;
  }

  #save(): DialogueTurn {
    this.#step = 'done';
    return { say: savedLine(this.#message.name), end: true, message: { ...this.#message } };
  }

  #miss(say: string): DialogueTurn {
    this.#missed = true;
    return { say };
  }

  #to(step: Step): void {
    this.#step = step;
    this.#missed = false;
  }
}
