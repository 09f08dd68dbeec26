import type { Logger } from 'pino';
import { z } from 'zod';
import type { AgentDefinition } from '../../shared/chatbot-settings.js';
import type { KnowledgeRetriever, RetrievedChunk } from '../knowledge/retrieval.js';
import type { AgentActions } from './agent-types.js';
import type { ChatModelTool } from './chat-model.js';
import { formatPassages } from './prompt.js';

export const SEARCH_KNOWLEDGE_BASE = 'search_knowledge_base';
export const ESCALATE_TO_HUMAN = 'escalate_to_human';
export const TRANSFER_TO_AGENT = 'transfer_to_agent';

const SEARCH_LIMIT = 5;

const searchArguments = z.object({ query: z.string().trim().min(1).max(500) });
const escalateArguments = z.object({ reason: z.string().trim().max(500).default('') });
const transferArguments = z.object({ agentId: z.string().trim().min(1) });

/** The tools of an agent; transfer exists only when there is another agent to go to. */
export function toolDefinitionsFor(otherAgents: AgentDefinition[]): ChatModelTool[] {
  const tools: ChatModelTool[] = [
    {
      name: SEARCH_KNOWLEDGE_BASE,
      description:
        "Searches the business's knowledge base and returns the most relevant passages with their document titles.",
      parameters: {
        type: 'object',
        properties: { query: { type: 'string', description: 'What to look for, in a few words.' } },
        required: ['query'],
      },
    },
    {
      name: ESCALATE_TO_HUMAN,
      description:
        'Hands the conversation to a human support agent. Use it when the visitor asks for a person or you cannot help.',
      parameters: {
        type: 'object',
        properties: {
          reason: { type: 'string', description: 'Why a person is needed, in one sentence.' },
        },
        required: ['reason'],
      },
    },
  ];
  if (otherAgents.length > 0) {
    tools.push({
      name: TRANSFER_TO_AGENT,
      description: 'Transfers the conversation to another agent, who continues the answer.',
      parameters: {
        type: 'object',
        properties: {
          agentId: {
            type: 'string',
            enum: otherAgents.map((a) => a.id),
            description: 'The id of the agent to transfer to.',
          },
        },
        required: ['agentId'],
      },
    });
  }
  return tools;
}

export type ToolContext = {
  companyId: string;
  chatbotId: string;
  retriever: KnowledgeRetriever;
  actions: AgentActions;
  logger: Logger;
  /** The agents a transfer may go to. */
  otherAgents: AgentDefinition[];
  /** Persists the new active agent; chat stores it on the conversation. */
  switchAgent(agent: AgentDefinition): Promise<void>;
  /** Whether this reply already escalated; a second escalation is refused. */
  escalated: boolean;
};

/** What a tool answers the model, plus what the runner must record. */
export type ToolOutcome = {
  output: string;
  sources?: RetrievedChunk[];
  /** Set by an escalation: what to tell the visitor. */
  escalationMessage?: string;
  switchedTo?: AgentDefinition;
};

export async function runTool(
  call: { name: string; arguments: Record<string, unknown> },
  context: ToolContext,
): Promise<ToolOutcome> {
  try {
    switch (call.name) {
      case SEARCH_KNOWLEDGE_BASE:
        return await searchKnowledgeBase(call.arguments, context);
      case ESCALATE_TO_HUMAN:
        return await escalateToHuman(call.arguments, context);
      case TRANSFER_TO_AGENT:
        return await transferToAgent(call.arguments, context);
      default:
        return { output: `There is no tool named ${call.name}.` };
    }
  } catch (err) {
    context.logger.error(
      { err, chatbotId: context.chatbotId, tool: call.name },
      'chat agent tool failed',
    );
    return { output: 'The tool failed. Apologise to the visitor and suggest trying again later.' };
  }
}

async function searchKnowledgeBase(
  args: Record<string, unknown>,
  context: ToolContext,
): Promise<ToolOutcome> {
  const parsed = searchArguments.safeParse(args);
  if (!parsed.success) return { output: 'Call search_knowledge_base with a non-empty "query".' };
  const chunks = await context.retriever.search({
    companyId: context.companyId,
    chatbotId: context.chatbotId,
    query: parsed.data.query,
    limit: SEARCH_LIMIT,
  });
  if (chunks.length === 0) return { output: 'No passage of the knowledge base matched.' };
  return { output: formatPassages(chunks), sources: chunks };
}

async function escalateToHuman(
  args: Record<string, unknown>,
  context: ToolContext,
): Promise<ToolOutcome> {
  if (context.escalated) return { output: 'The conversation is already handed to a person.' };
  const reason = escalateArguments.safeParse(args).data?.reason || 'The assistant asked for help';
  const { message } = await context.actions.escalateToHuman(reason);
  return { output: `Done. Tell the visitor: ${message}`, escalationMessage: message };
}

async function transferToAgent(
  args: Record<string, unknown>,
  context: ToolContext,
): Promise<ToolOutcome> {
  const parsed = transferArguments.safeParse(args);
  const target = context.otherAgents.find((a) => a.id === parsed.data?.agentId);
  if (!target) {
    const ids = context.otherAgents.map((a) => a.id).join(', ');
    return { output: `No such agent. Transfer to one of: ${ids || 'none'}.` };
  }
  await context.switchAgent(target);
  return {
    output: `Transferred. You are now the agent "${target.name}"; continue answering the visitor.`,
    switchedTo: target,
  };
}
