import type { AgentDefinition } from '../../shared/chatbot-settings.js';
import type { RetrievedChunk } from '../knowledge/retrieval.js';
import type { ChatbotForAgent } from './agent-definition.js';

const ANSWER_RULES = `## How to answer
- Answer questions about the business only from its knowledge base: the passages below and the search_knowledge_base tool. Never invent facts such as prices, opening hours, addresses or policies.
- If the knowledge base does not contain the answer, say that you don't know and offer to connect the visitor with a person.
- When the visitor asks for a person, or you cannot help them, call escalate_to_human and tell the visitor what it returns.
- Keep answers short and friendly, and answer in the visitor's language.`;

/** The system prompt of an agent before knowledge is added: persona, rules, and the agents it can hand over to. */
export function agentInstructions(
  chatbot: ChatbotForAgent,
  activeAgent: AgentDefinition | null,
  otherAgents: AgentDefinition[],
): string {
  const persona =
    activeAgent?.instructions.trim() ||
    chatbot.instructions.trim() ||
    `You are the customer support assistant of ${chatbot.name}.`;
  const sections = [persona, ANSWER_RULES];
  if (activeAgent) sections.push(agentsSection(activeAgent, otherAgents));
  return sections.join('\n\n');
}

function agentsSection(activeAgent: AgentDefinition, otherAgents: AgentDefinition[]): string {
  const lines = [`## Agents`, `You are the agent "${activeAgent.name}" (id ${activeAgent.id}).`];
  if (otherAgents.length > 0) {
    lines.push(
      'When the visitor needs something another agent handles, call transfer_to_agent with its id; that agent then continues the answer:',
      ...otherAgents.map(
        (a) => `- ${a.id}: ${a.name}${a.description ? ` — ${a.description}` : ''}`,
      ),
    );
  }
  return lines.join('\n');
}

/** Knowledge passages numbered with their document titles, as the model reads them. */
export function formatPassages(chunks: RetrievedChunk[]): string {
  return chunks
    .map((chunk, i) => {
      const title = chunk.heading
        ? `${chunk.documentTitle} — ${chunk.heading}`
        : chunk.documentTitle;
      return `[${i + 1}] ${title}\n${chunk.content.trim()}`;
    })
    .join('\n\n');
}

/** The full system prompt: the agent's instructions plus the passages retrieved for the latest message. */
export function systemPromptFor(instructions: string, passages: RetrievedChunk[]): string {
  const knowledge =
    passages.length > 0
      ? `## Knowledge base passages for the visitor's latest message\n${formatPassages(passages)}`
      : "## Knowledge base passages for the visitor's latest message\nNone matched. Search the knowledge base with other words, or say that you don't know.";
  return `${instructions}\n\n${knowledge}`;
}
