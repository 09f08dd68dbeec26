import { describe, expect, it } from 'vitest';
import {
  agentDefinitionFor,
  type ChatbotForAgent,
} from '../../../src/server/chat/agent-definition.js';
import { systemPromptFor } from '../../../src/server/chat/prompt.js';
import type { RetrievedChunk } from '../../../src/server/knowledge/retrieval.js';
import type { AgentDefinition } from '../../../src/shared/chatbot-settings.js';

const agent = (id: string, extra: Partial<AgentDefinition> = {}): AgentDefinition => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  description: `${id} matters`,
  instructions: `You are the ${id} agent.`,
  isDefault: false,
  ...extra,
});

const chatbot = (extra: Partial<ChatbotForAgent> = {}): ChatbotForAgent => ({
  id: 'bot-1',
  name: 'Smile Clinic',
  instructions: 'You are the assistant of Smile Clinic.',
  agentsList: [],
  ...extra,
});

const toolNames = (tools: Array<{ name: string }>) => tools.map((t) => t.name);

describe('agentDefinitionFor', () => {
  it("uses the chatbot's instructions and offers search and escalation", () => {
    const definition = agentDefinitionFor(chatbot(), null);
    expect(definition.activeAgent).toBeNull();
    expect(definition.instructions.startsWith('You are the assistant of Smile Clinic.')).toBe(true);
    expect(definition.instructions).toContain('escalate_to_human');
    expect(definition.instructions).not.toContain('transfer_to_agent');
    expect(toolNames(definition.tools)).toEqual(['search_knowledge_base', 'escalate_to_human']);
  });

  it('falls back to a persona named after the chatbot when it has no instructions', () => {
    const definition = agentDefinitionFor(chatbot({ instructions: '  ' }), null);
    expect(definition.instructions).toContain('customer support assistant of Smile Clinic');
  });

  it('starts multi-agent chatbots with the default agent and lists the others', () => {
    const bot = chatbot({
      agentsList: [agent('sales'), agent('support', { isDefault: true }), agent('billing')],
    });
    const definition = agentDefinitionFor(bot, null);
    expect(definition.activeAgent?.id).toBe('support');
    expect(definition.instructions).toContain('You are the support agent.');
    expect(definition.instructions).not.toContain('You are the assistant of Smile Clinic.');
    expect(definition.instructions).toContain('- sales: Sales — sales matters');
    expect(definition.instructions).toContain('- billing: Billing — billing matters');
    const transfer = definition.tools.find((t) => t.name === 'transfer_to_agent');
    expect(transfer?.parameters).toMatchObject({
      properties: { agentId: { enum: ['sales', 'billing'] } },
    });
  });

  it('follows the active agent, and the default again when the active one was removed', () => {
    const bot = chatbot({ agentsList: [agent('sales', { isDefault: true }), agent('billing')] });
    expect(agentDefinitionFor(bot, 'billing').activeAgent?.id).toBe('billing');
    expect(agentDefinitionFor(bot, 'billing').otherAgents.map((a) => a.id)).toEqual(['sales']);
    expect(agentDefinitionFor(bot, 'deleted').activeAgent?.id).toBe('sales');
  });

  it('takes the first agent when none is the default, and the chatbot instructions when it has none', () => {
    const bot = chatbot({ agentsList: [agent('sales', { instructions: '' }), agent('billing')] });
    const definition = agentDefinitionFor(bot, null);
    expect(definition.activeAgent?.id).toBe('sales');
    expect(definition.instructions).toContain('You are the assistant of Smile Clinic.');
  });

  it('gives a single agent no transfer tool', () => {
    const definition = agentDefinitionFor(chatbot({ agentsList: [agent('solo')] }), null);
    expect(toolNames(definition.tools)).not.toContain('transfer_to_agent');
  });
});

describe('systemPromptFor', () => {
  const chunk = (title: string, heading: string, content: string): RetrievedChunk => ({
    chunkId: `${title}-chunk`,
    documentId: `${title}-doc`,
    documentTitle: title,
    heading,
    content,
    score: 1,
    textRank: 0.5,
  });

  it('appends the passages numbered with their titles', () => {
    const prompt = systemPromptFor('Be kind.', [
      chunk('Opening hours', '', 'Open 8 to 6.'),
      chunk('FAQ', 'Parking', 'Park behind.'),
    ]);
    expect(prompt).toBe(
      "Be kind.\n\n## Knowledge base passages for the visitor's latest message\n[1] Opening hours\nOpen 8 to 6.\n\n[2] FAQ — Parking\nPark behind.",
    );
  });

  it('says when nothing matched, so the model does not make something up', () => {
    expect(systemPromptFor('Be kind.', [])).toContain('None matched. Search the knowledge base');
  });
});
