import type { KnowledgeRetriever } from '../knowledge/retrieval.js';
import type { AgentReply, AgentRequest } from './agent-types.js';
import { knowledgeAnswer } from './knowledge-answer.js';
import { isShortYes } from './yes-or-no.js';

const HUMAN_REQUEST =
  /\b(human|person|people|someone|somebody|agent|representative|operator|staff|real person)\b/i;
const WANTS_CONTACT = /\b(talk|speak|chat|connect|transfer|put me|want|need|get me|call)\b/i;

export const UNKNOWN_ANSWER =
  "I'm sorry, I couldn't find that in our knowledge base. Would you like me to connect you with a person?";

/** Whether a message asks for a human rather than for information. */
export function asksForHuman(text: string): boolean {
  return HUMAN_REQUEST.test(text) && WANTS_CONTACT.test(text);
}

/**
 * Answers without any language model: the best-matching knowledge passage,
 * trimmed to the sentences that answer the question, or an honest "I don't know".
 */
export class OfflineResponder {
  constructor(private readonly retriever: KnowledgeRetriever) {}

  /** `previousAnswer`: the bot's last message, so a yes to its offer of a person is understood. */
  async reply(
    request: AgentRequest,
    question: string,
    previousAnswer: string | null = null,
  ): Promise<AgentReply> {
    const base = {
      responder: 'offline' as const,
      model: null,
      activeAgentId: null,
      usage: null,
    };
    const acceptsOffer = previousAnswer === UNKNOWN_ANSWER && isShortYes(question);
    if (asksForHuman(question) || acceptsOffer) {
      request.onEvent({ type: 'tool.called', name: 'escalate_to_human', arguments: {} });
      const { message } = await request.actions.escalateToHuman('The visitor asked for a person');
      emitText(request, message);
      return { ...base, text: message, sources: [], escalated: true };
    }
    const chunks = await this.retriever.search({
      companyId: request.companyId,
      chatbotId: request.chatbotId,
      query: question,
      limit: 3,
    });
    const answer = knowledgeAnswer(question, chunks);
    if (!answer) {
      emitText(request, UNKNOWN_ANSWER);
      return { ...base, text: UNKNOWN_ANSWER, sources: [], escalated: false };
    }
    const { text, source } = answer;
    emitText(request, text);
    return {
      ...base,
      text,
      sources: [
        {
          documentId: source.documentId,
          documentTitle: source.documentTitle,
          chunkId: source.chunkId,
        },
      ],
      escalated: false,
    };
  }
}

/** Streams like a model would, a word at a time, so every responder looks the same to clients. */
function emitText(request: AgentRequest, text: string): void {
  for (const piece of text.match(/\S+\s*/g) ?? []) {
    request.onEvent({ type: 'text.delta', delta: piece });
  }
}
