import type { AgentDefinition } from '../../shared/chatbot-settings.js';
import type { ChatModelTool } from './chat-model.js';
import { agentInstructions } from './prompt.js';
import { toolDefinitionsFor } from './tools.js';

/** The chatbot fields an agent is defined by. */
export type ChatbotForAgent = {
  id: string;
  name: string;
  instructions: string;
  agentsList: AgentDefinition[];
};

/** What one agent is, for any channel: who it is, what it follows, which tools it has. */
export type ResolvedAgent = {
  chatbotId: string;
  chatbotName: string;
  /** The agents_list entry answering; null for a single-agent chatbot. */
  activeAgent: AgentDefinition | null;
  /** The agents it may transfer to. */
  otherAgents: AgentDefinition[];
  /** The system prompt before any knowledge passages are added. */
  instructions: string;
  tools: ChatModelTool[];
};

/**
 * The agent that answers for a chatbot: its own instructions, or for a
 * multi-agent chatbot the active agent's (the default one until a transfer).
 * Chat uses it now; the call runner uses the same instructions and tools.
 */
export function agentDefinitionFor(
  chatbot: ChatbotForAgent,
  activeAgentId: string | null,
): ResolvedAgent {
  const agents = chatbot.agentsList;
  const activeAgent =
    agents.find((a) => a.id === activeAgentId) ??
    agents.find((a) => a.isDefault) ??
    agents[0] ??
    null;
  const otherAgents = agents.filter((a) => a !== activeAgent);
  return {
    chatbotId: chatbot.id,
    chatbotName: chatbot.name,
    activeAgent,
    otherAgents,
    instructions: agentInstructions(chatbot, activeAgent, otherAgents),
    tools: toolDefinitionsFor(otherAgents),
  };
}
