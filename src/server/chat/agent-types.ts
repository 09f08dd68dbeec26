/** What a chat agent reports while it answers, in order. */
export type AgentEvent =
  | { type: 'text.delta'; delta: string }
  | { type: 'tool.called'; name: string; arguments: Record<string, unknown> }
  | { type: 'agent.switched'; agentId: string; agentName: string };

export type Responder = 'openai' | 'gemini' | 'offline';

export type AgentReply = {
  text: string;
  responder: Responder;
  /** The provider's model id, or null for the offline responder. */
  model: string | null;
  /** Chunks the answer was grounded on, for the dashboard's "sources". */
  sources: Array<{ documentId: string; documentTitle: string; chunkId: string }>;
  escalated: boolean;
  /** The agent of a multi-agent chatbot that answered (agents_list id), if any. */
  activeAgentId: string | null;
  usage: { inputTokens: number; outputTokens: number } | null;
  /**
   * Set when the reply could not be completed: `model_unavailable` when the
   * model provider failed (`text` then ends with `message`, a notice for the
   * visitor), `aborted` when `signal` stopped it (`text` is what streamed).
   */
  error?: { code: 'model_unavailable' | 'aborted'; message: string };
};

/** What the agent may do to the conversation; implemented by the conversation service. */
export type AgentActions = {
  /** Records an escalation and hands the conversation to the Inbox. Returns what to tell the user. */
  escalateToHuman(reason: string): Promise<{ message: string }>;
};

export type AgentRequest = {
  companyId: string;
  chatbotId: string;
  conversationId: string;
  actions: AgentActions;
  onEvent(event: AgentEvent): void;
  signal?: AbortSignal;
};

/**
 * Answers the latest user message of a conversation from the chatbot's
 * instructions, its knowledge and the history stored in `messages`.
 */
export interface ChatAgent {
  reply(request: AgentRequest): Promise<AgentReply>;
}
