import type { CallSettings } from '../../../shared/chatbot-settings.js';
import { callPhrases } from './call-phrases.js';

/** What this call is: a phone call that can be handed to a person, or one we placed and why. */
export type CallContext = {
  canTransfer?: boolean;
  /** Set on a call the company placed; the reason may be empty. */
  outbound?: { reason: string | null };
  /** A routing rule sent this call to message taking only. */
  takeMessageOnly?: boolean | undefined;
};

/**
 * The chatbot's agent instructions (the same persona and rules as chat)
 * plus how to behave on the phone with the call tools.
 */
export function callInstructions(
  agentInstructions: string,
  settings: CallSettings,
  context: CallContext = {},
): string {
  const rules = [
    '## On the phone',
    '- You are speaking with a caller on a voice call. Answer in one to three short spoken sentences: no lists, no markdown, no links.',
    settings.knowledgeBaseAccess
      ? '- Before answering a question about the business, look it up with search_knowledge_base.'
      : '- You have no knowledge base on this call: for questions about the business, offer to take a message.',
    context.canTransfer
      ? '- When the caller wants a person, or you cannot help, call escalate_to_human: the call is then handed to a colleague by phone, and you need not say anything more.'
      : `- When the caller wants a person, or you cannot help, call escalate_to_human and follow what it returns. When nobody can take the call, say "${callPhrases.busy}"`,
    '- To take a message, ask one at a time for the caller’s name, the best number to call them back on (read it back to confirm), what it is about and the best time to call, then call take_message with them and say goodbye.',
    '- When the caller is done or says goodbye, say a short goodbye and call end_call.',
  ];
  if (context.outbound) {
    rules.push(
      context.outbound.reason
        ? `- You placed this call; the person did not call you. The reason for the call: ${context.outbound.reason}`
        : '- You placed this call to follow up with the person; they did not call you.',
    );
  }
  if (context.takeMessageOnly) {
    rules.push(
      '- On this call you only take a message: do not answer questions or look anything up. Say that you will pass the message on, take it as above, then say goodbye.',
    );
  }
  return `${agentInstructions}\n\n${rules.join('\n')}`;
}
