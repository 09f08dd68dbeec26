import type { RetrievedChunk } from '../knowledge/retrieval.js';
import type { ResolvedAgent } from './agent-definition.js';
import type { AgentReply, AgentRequest } from './agent-types.js';
import type { ChatModel, ChatModelUsage } from './chat-model.js';

/** A reply being built across model rounds: what the visitor has seen so far and what grounded it. */
export class ReplyDraft {
  text = '';
  #usage: ChatModelUsage | null = null;
  readonly #sources = new Map<string, RetrievedChunk>();
  escalationMessage: string | null = null;

  constructor(
    private readonly request: AgentRequest,
    private readonly model: ChatModel,
    public agent: ResolvedAgent,
  ) {}

  get signal(): AbortSignal | undefined {
    return this.request.signal;
  }

  /** Streams a piece of the answer to the visitor. */
  emit(delta: string): void {
    this.text += delta;
    this.request.onEvent({ type: 'text.delta', delta });
  }

  /** Starts a new paragraph when text already streamed, so rounds don't run together. */
  emitParagraph(delta: string): void {
    this.emit(this.text && !/\s$/.test(this.text) ? `\n\n${delta}` : delta);
  }

  addUsage(usage: ChatModelUsage | null): void {
    if (!usage) return;
    this.#usage = {
      inputTokens: (this.#usage?.inputTokens ?? 0) + usage.inputTokens,
      outputTokens: (this.#usage?.outputTokens ?? 0) + usage.outputTokens,
    };
  }

  addSources(chunks: RetrievedChunk[]): void {
    for (const chunk of chunks) this.#sources.set(chunk.chunkId, chunk);
  }

  get escalated(): boolean {
    return this.escalationMessage !== null;
  }

  finish(extra: Pick<AgentReply, 'error'> = {}): AgentReply {
    return {
      text: this.text,
      responder: this.model.provider,
      model: this.model.model,
      sources: [...this.#sources.values()].map((c) => ({
        documentId: c.documentId,
        documentTitle: c.documentTitle,
        chunkId: c.chunkId,
      })),
      escalated: this.escalated,
      activeAgentId: this.agent.activeAgent?.id ?? null,
      usage: this.#usage,
      ...extra,
    };
  }
}
