import type { KnowledgeRetriever, RetrievedChunk } from '../knowledge/retrieval.js';
import type { AgentReply, AgentRequest } from './agent-types.js';

// textRank is the rarity-weighted share of the question's words a passage
// matches. On the fixture knowledge base real answers mostly score 0.2 or
// more and off-topic questions up to 0.25: the threshold leans to answering.
const MIN_TEXT_RANK = 0.2;
const MAX_ANSWER_SENTENCES = 3;

const HUMAN_REQUEST =
  /\b(human|person|people|someone|somebody|agent|representative|operator|staff|real person)\b/i;
const WANTS_CONTACT = /\b(talk|speak|chat|connect|transfer|put me|want|need|get me|call)\b/i;

export const UNKNOWN_ANSWER =
  "I'm sorry, I couldn't find that in our knowledge base. Would you like me to connect you with a person?";

/** Whether a message asks for a human rather than for information. */
export function asksForHuman(text: string): boolean {
  return HUMAN_REQUEST.test(text) && WANTS_CONTACT.test(text);
}

// Words that say what kind of question it is, not what it is about.
const QUESTION_WORDS = new Set(
  'what when where which who whom whose why how are is was were can could would should does did have has had the and for you your our with about from this that there any please tell know'.split(
    ' ',
  ),
);

/** Lower-cased content words, lightly stemmed so "opening" meets "open" and "hours" meets "hour". */
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2 && !QUESTION_WORDS.has(w))
      .map((w) => w.replace(/(ing|ed|es|s)$/, '')),
  );

const shareWords = (a: Set<string>, b: Set<string>) => [...a].some((word) => b.has(word));

/**
 * The passage's sentences that answer the question, in their original order:
 * those sharing most words with it, led by the section's first sentence when
 * the heading already matches (that sentence usually is the direct answer,
 * while later ones tend to repeat the question's words).
 */
export function answerSentences(question: string, passage: string, heading = ''): string {
  const sentences =
    passage
      .match(/[^.!?\n]+[.!?]*/g)
      ?.map((s) => s.trim())
      .filter(Boolean) ?? [];
  const asked = words(question);
  const scored = sentences.map((sentence, index) => {
    let overlap = 0;
    for (const word of words(sentence)) if (asked.has(word)) overlap++;
    return { sentence, index, overlap };
  });
  const leadsWithFirst = scored.length > 0 && shareWords(words(heading), asked);
  const ranked = [...scored]
    .sort((a, b) => b.overlap - a.overlap || a.index - b.index)
    .filter((s) => !(leadsWithFirst && s.index === 0));
  const chosen = leadsWithFirst ? [scored[0] as (typeof scored)[number], ...ranked] : ranked;
  return chosen
    .slice(0, MAX_ANSWER_SENTENCES)
    .filter((s, i) => i === 0 || s.overlap > 0)
    .sort((a, b) => a.index - b.index)
    .map((s) => s.sentence)
    .join(' ');
}

/**
 * Answers without any language model: the best-matching knowledge passage,
 * trimmed to the sentences that answer the question, or an honest "I don't know".
 */
export class OfflineResponder {
  constructor(private readonly retriever: KnowledgeRetriever) {}

  async reply(request: AgentRequest, question: string): Promise<AgentReply> {
    const base = {
      responder: 'offline' as const,
      model: null,
      activeAgentId: null,
      usage: null,
    };
    if (asksForHuman(question)) {
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

/** The answer the best passage gives to a question, or null when no passage answers it well enough. */
export function knowledgeAnswer(
  question: string,
  chunks: RetrievedChunk[],
): { text: string; source: RetrievedChunk } | null {
  const [best] = chunks;
  if (!best || best.textRank < MIN_TEXT_RANK) return null;
  return {
    text: phrase(best, answerSentences(question, best.content, best.heading)),
    source: best,
  };
}

function phrase(chunk: RetrievedChunk, sentences: string): string {
  return sentences || chunk.content.slice(0, 400);
}

/** Streams like a model would, a word at a time, so every responder looks the same to clients. */
function emitText(request: AgentRequest, text: string): void {
  for (const piece of text.match(/\S+\s*/g) ?? []) {
    request.onEvent({ type: 'text.delta', delta: piece });
  }
}
