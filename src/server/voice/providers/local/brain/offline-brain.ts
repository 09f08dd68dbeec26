import { knowledgeAnswer } from '../../../../chat/knowledge-answer.js';
import { asksForHuman } from '../../../../chat/offline-responder.js';
import { ESCALATE_TO_HUMAN } from '../../../../chat/tools.js';
import { isShortYes } from '../../../../chat/yes-or-no.js';
import { callPhrases, mentionsPhrase } from '../../../runner/call-phrases.js';
import {
  END_CALL,
  HOLD_FOR_PERSON_OUTPUT,
  TAKE_MESSAGE,
  TRANSFERRING_OUTPUT,
} from '../../../runner/call-tools.js';
import type { BrainOutput, KnowledgeSearch, VoiceBrain } from '../parts.js';
import { MessageTaking, type TakenMessage } from './message-taking.js';
import type { Pronunciations } from './pronunciations.js';
import { soundAlikeQuestion } from './sound-alike.js';

export const offlinePhrases = {
  /** A message left without saying what it is about still asks for a call back. */
  noReason: 'The caller asked to be called back.',
  unknown:
    "I'm sorry, I couldn't find that in our information. Would you like me to connect you with a person?",
  welcome: "You're welcome! Is there anything else I can help you with?",
  hello: 'Hello! How can I help you today?',
} as const;

const FAREWELL = /\b(good ?bye|bye|that'?s all|that is all|nothing else|hang up)\b/i;
const THANKS_ONLY = /^(ok(ay)?\s+)?(thanks?|thank you)( (very|so) much)?( for (your|the) help)?$/i;
const HELLO_ONLY = /^(hi|hello|hey|good (morning|afternoon|evening))( there)?$/i;

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The agent without a language model: the chat's offline responder spoken
 * aloud. Farewells end the call, requests for a person escalate through the
 * call's tools (and, when nobody can take the call, lead into taking a
 * message), and questions are answered from the best knowledge passage.
 */
export class OfflineBrain implements VoiceBrain {
  readonly label = 'offline';

  constructor(
    private readonly options: {
      search: KnowledgeSearch;
      endCallPhrase: string;
      /** Lets a misheard word be taken for the knowledge's word it sounds like. */
      pronunciations?: Pronunciations | null;
      /** The caller ID of a phone call, offered back as the callback number. */
      callerNumber?: string | null;
    },
  ) {}

  #message: MessageTaking | null = null;
  /** The last answer was "I don't know, shall I connect you with a person?". */
  #offeredPerson = false;

  async reply(callerText: string, output: BrainOutput, signal: AbortSignal): Promise<void> {
    const text = plain(callerText);
    const message = this.#message?.active ? this.#message : null;
    const offeredPerson = this.#offeredPerson;
    this.#offeredPerson = false;
    if (this.#isFarewell(text)) {
      const taken = message?.goodbye();
      if (taken) await this.#save(taken, output);
      await output.toolCall(END_CALL, {});
      if (!signal.aborted) output.text(callPhrases.farewell);
      return;
    }
    if (message) {
      const turn = message.hear(callerText);
      if ('end' in turn) {
        if (turn.message) await this.#save(turn.message, output);
        await output.toolCall(END_CALL, {});
      }
      if (!signal.aborted) output.text(turn.say);
      return;
    }
    const acceptsOffer = offeredPerson && isShortYes(text);
    if (asksForHuman(text) || acceptsOffer) {
      const result = await output.toolCall(ESCALATE_TO_HUMAN, {
        reason: 'The caller asked for a person',
      });
      // A phone call being handed to a person hears the runner's hand-off line instead.
      if (signal.aborted || result === TRANSFERRING_OUTPUT) return;
      if (result === HOLD_FOR_PERSON_OUTPUT) return output.text(callPhrases.holdForPerson);
      this.#message = new MessageTaking({ callerNumber: this.options.callerNumber ?? null });
      output.text(this.#message.offer());
      return;
    }
    if (THANKS_ONLY.test(text)) return output.text(offlinePhrases.welcome);
    if (HELLO_ONLY.test(text)) return output.text(offlinePhrases.hello);
    const answer = await this.#answer(callerText);
    if (signal.aborted) return;
    this.#offeredPerson = answer === null;
    output.text(answer ?? offlinePhrases.unknown);
  }

  /**
   * Answers depend on the current utterance and the brain's own last offer:
   * there is no history to keep, except that the runner's busy line (nobody
   * took the call) makes the caller's next words the start of a message.
   */
  remember(said: string): void {
    if (said !== callPhrases.busy || this.#message?.active) return;
    this.#message = new MessageTaking({ callerNumber: this.options.callerNumber ?? null });
    this.#message.offer();
  }

  correctLastAnswer(): void {}

  expectsOpenAnswer(): boolean {
    return Boolean(this.#message?.active && this.#message.expectsOpenAnswer);
  }

  async #answer(question: string): Promise<string | null> {
    const { search, pronunciations } = this.options;
    if (!search) return null;
    const chunks = await search(question);
    const answer = knowledgeAnswer(question, chunks);
    if (answer || !pronunciations || chunks.length === 0) return answer?.text ?? null;
    const passages = chunks.map((chunk) => `${chunk.heading} ${chunk.content}`);
    const heardAs = soundAlikeQuestion(question, passages, pronunciations);
    return heardAs ? (knowledgeAnswer(heardAs, await search(heardAs))?.text ?? null) : null;
  }

  async #save(message: TakenMessage, output: BrainOutput): Promise<void> {
    await output.toolCall(TAKE_MESSAGE, {
      name: message.name,
      phone: message.phone,
      reason: message.reason || offlinePhrases.noReason,
      best_time: message.bestTime,
    });
  }

  #isFarewell(text: string): boolean {
    return FAREWELL.test(text) || mentionsPhrase(text, this.options.endCallPhrase);
  }
}
