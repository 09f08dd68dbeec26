import type { CallSettings } from '../../../shared/chatbot-settings.js';

/**
 * The chatbot's agent instructions (the same persona and rules as chat)
 * plus how to behave on the phone with the call tools.
 */
export function callInstructions(agentInstructions: string, settings: CallSettings): string {
  const rules = [
    '## On the phone',
    '- You are speaking with a caller on a voice call. Answer in one to three short spoken sentences: no lists, no markdown, no links.',
    settings.knowledgeBaseAccess
      ? '- Before answering a question about the business, look it up with search_knowledge_base.'
      : '- You have no knowledge base on this call: for questions about the business, offer to take a message.',
    '- When the caller wants a person, or you cannot help, call escalate_to_human. Nobody can join the call right now, so say so and offer to take a message.',
    '- To take a message, ask for the caller’s name, a phone number and the message, then call take_message.',
    '- When the caller is done or says goodbye, say a short goodbye and call end_call.',
  ];
  return `${agentInstructions}\n\n${rules.join('\n')}`;
}
