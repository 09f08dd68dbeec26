import { knowledgeAnswer } from '../../../../chat/knowledge-answer.js';
import { asksForHuman } from '../../../../chat/offline-responder.js';
import { ESCALATE_TO_HUMAN } from '../../../../chat/tools.js';
import { callPhrases, mentionsPhrase } from '../../../runner/call-phrases.js';
import { END_CALL } from '../../../runner/call-tools.js';
import type { BrainOutput, KnowledgeSearch, VoiceBrain } from '../parts.js';
import type { Pronunciations } from './pronunciations.js';
import { soundAlikeQuestion } from './sound-alike.js';

export const offlinePhrases = {
  escalated:
    "I've let our team know you'd like to speak with a person. Nobody can join the call right now, but someone will get back to you soon.",
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
 * call's tools, and questions are answered from the best knowledge passage.
 */
export class OfflineBrain implements VoiceBrain {
  readonly label = 'offline';

  constructor(
    private readonly options: {
      search: KnowledgeSearch;
      endCallPhrase: string;
      /** Lets a misheard word be taken for the knowledge's word it sounds like. */
      pronunciations?: Pronunciations | null;
    },
  ) {}

  async reply(callerText: string, output: BrainOutput, signal: AbortSignal): Promise<void> {
    const text = plain(callerText);
    if (this.#isFarewell(text)) {
      await output.toolCall(END_CALL, {});
      if (!signal.aborted) output.text(callPhrases.farewell);
      return;
    }
    if (asksForHuman(text)) {
      await output.toolCall(ESCALATE_TO_HUMAN, { reason: 'The caller asked for a person' });
      if (!signal.aborted) output.text(offlinePhrases.escalated);
      return;
    }
    if (THANKS_ONLY.test(text)) return output.text(offlinePhrases.welcome);
    if (HELLO_ONLY.test(text)) return output.text(offlinePhrases.hello);
    const answer = await this.#answer(callerText);
    if (signal.aborted) return;
    output.text(answer ?? offlinePhrases.unknown);
  }

  // Answers depend on the current utterance only: there is no history to keep.
  remember(): void {}

  correctLastAnswer(): void {}

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

  #isFarewell(text: string): boolean {
    return FAREWELL.test(text) || mentionsPhrase(text, this.options.endCallPhrase);
  }
}
