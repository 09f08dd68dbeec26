import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AgentDefinition } from '../../shared/chatbot-settings.js';
import type { Database } from '../db/client.js';
import { conversations } from '../db/schema/index.js';
import type { KnowledgeRetriever, RetrievedChunk } from '../knowledge/retrieval.js';
import type { AgentContext } from './agent-context.js';
import { agentDefinitionFor } from './agent-definition.js';
import type { AgentReply, AgentRequest } from './agent-types.js';
import {
  type ChatModel,
  ChatModelError,
  type ChatModelMessage,
  type ChatModelToolCall,
  providerLabels,
} from './chat-model.js';
import { UNKNOWN_ANSWER } from './offline-responder.js';
import { systemPromptFor } from './prompt.js';
import { ReplyDraft } from './reply-draft.js';
import { runTool } from './tools.js';

export type AgentRunnerOptions = {
  db: Database;
  retriever: KnowledgeRetriever;
  logger: Logger;
};

// Rounds in which the model may call tools; the round after must answer in text.
const MAX_TOOL_ROUNDS = 4;
const PRE_RETRIEVED_PASSAGES = 3;

/**
 * One reply of a model-backed agent: knowledge retrieved up front, the model
 * streamed, its tool calls run (at most MAX_TOOL_ROUNDS rounds), text deltas
 * passed on as they arrive.
 */
export class AgentRunner {
  constructor(private readonly options: AgentRunnerOptions) {}

  async run(request: AgentRequest, context: AgentContext, model: ChatModel): Promise<AgentReply> {
    const draft = new ReplyDraft(
      request,
      model,
      agentDefinitionFor(context.chatbot, context.activeAgentId),
    );
    // Small models rarely call tools on their own; the likely passages go into every prompt.
    const passages = await this.options.retriever.search({
      companyId: request.companyId,
      chatbotId: request.chatbotId,
      query: context.question,
      limit: PRE_RETRIEVED_PASSAGES,
    });
    draft.addSources(passages);
    const messages: ChatModelMessage[] = [...context.history];
    try {
      for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
        const { text, calls } = await this.#streamRound(draft, model, {
          passages,
          messages,
          toolsAllowed: round < MAX_TOOL_ROUNDS,
        });
        if (calls.length === 0) break;
        messages.push({ role: 'assistant', content: text, toolCalls: calls });
        for (const call of calls) {
          messages.push(await this.#runToolCall(draft, request, context, call));
        }
      }
    } catch (error) {
      return this.#failed(draft, request, model, error);
    }
    if (!draft.text.trim()) draft.emit(draft.escalationMessage ?? UNKNOWN_ANSWER);
    return draft.finish();
  }

  async #streamRound(
    draft: ReplyDraft,
    model: ChatModel,
    round: { passages: RetrievedChunk[]; messages: ChatModelMessage[]; toolsAllowed: boolean },
  ): Promise<{ text: string; calls: ChatModelToolCall[] }> {
    let text = '';
    const calls: ChatModelToolCall[] = [];
    const events = model.stream({
      systemPrompt: systemPromptFor(draft.agent.instructions, round.passages),
      messages: round.messages,
      tools: draft.agent.tools,
      toolChoice: round.toolsAllowed ? 'auto' : 'none',
      signal: draft.signal,
    });
    for await (const event of events) {
      if (event.type === 'text') {
        if (text) draft.emit(event.delta);
        else draft.emitParagraph(event.delta);
        text += event.delta;
      } else if (event.type === 'tool_call') {
        const { type: _type, ...call } = event;
        // A model told to answer in text may still ask for a tool; it gets no more rounds.
        if (round.toolsAllowed) calls.push(call);
      } else {
        draft.addUsage(event.usage);
      }
    }
    return { text, calls };
  }

  async #runToolCall(
    draft: ReplyDraft,
    request: AgentRequest,
    context: AgentContext,
    call: ChatModelToolCall,
  ): Promise<ChatModelMessage> {
    request.onEvent({ type: 'tool.called', name: call.name, arguments: call.arguments });
    const outcome = await runTool(call, {
      companyId: request.companyId,
      chatbotId: request.chatbotId,
      retriever: this.options.retriever,
      actions: request.actions,
      logger: this.options.logger,
      otherAgents: draft.agent.otherAgents,
      escalated: draft.escalated,
      switchAgent: (target) => this.#persistActiveAgent(request, target),
    });
    draft.addSources(outcome.sources ?? []);
    if (outcome.escalationMessage) draft.escalationMessage = outcome.escalationMessage;
    if (outcome.switchedTo) {
      draft.agent = agentDefinitionFor(context.chatbot, outcome.switchedTo.id);
      request.onEvent({
        type: 'agent.switched',
        agentId: outcome.switchedTo.id,
        agentName: outcome.switchedTo.name,
      });
    }
    return { role: 'tool', toolCallId: call.id, name: call.name, content: outcome.output };
  }

  #failed(draft: ReplyDraft, request: AgentRequest, model: ChatModel, error: unknown): AgentReply {
    if (request.signal?.aborted) {
      return draft.finish({ error: { code: 'aborted', message: 'The reply was cancelled.' } });
    }
    if (!(error instanceof ChatModelError)) throw error;
    this.options.logger.warn(
      {
        chatbotId: request.chatbotId,
        conversationId: request.conversationId,
        provider: error.provider,
        model: model.model,
        status: error.status,
        providerCode: error.providerCode,
        retryable: error.retryable,
      },
      'chat model request failed',
    );
    const notice = unavailableNotice(error);
    draft.emitParagraph(notice);
    return draft.finish({ error: { code: 'model_unavailable', message: notice } });
  }

  async #persistActiveAgent(request: AgentRequest, target: AgentDefinition): Promise<void> {
    await this.options.db
      .update(conversations)
      .set({ activeAgentId: target.id, updatedAt: new Date() })
      .where(
        and(
          eq(conversations.companyId, request.companyId),
          eq(conversations.id, request.conversationId),
        ),
      );
  }
}

/** What the visitor reads when the model provider fails. */
export function unavailableNotice(error: ChatModelError): string {
  const label = providerLabels[error.provider];
  const cause =
    error.status === null ? `${label} could not be reached` : `${label} returned ${error.status}`;
  return `Sorry — the assistant is unavailable right now (${cause}). Please try again.`;
}
