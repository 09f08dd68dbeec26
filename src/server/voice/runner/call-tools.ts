import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { z } from 'zod';
import { formatPassages } from '../../chat/prompt.js';
import { ESCALATE_TO_HUMAN, SEARCH_KNOWLEDGE_BASE } from '../../chat/tools.js';
import type { ConversationService } from '../../conversations/conversation-service.js';
import type { EscalationService } from '../../conversations/escalation-service.js';
import type { Database } from '../../db/client.js';
import { calls, tickets } from '../../db/schema/index.js';
import type { KnowledgeRetriever } from '../../knowledge/retrieval.js';
import type { CallOffers } from '../handoff/call-offer.js';
import type { ToolDefinition } from '../providers/agent-session.js';
import { callPhrases } from './call-phrases.js';
import { safeError } from './log-safe.js';

export const TAKE_MESSAGE = 'take_message';
export const END_CALL = 'end_call';

/** What escalate_to_human answers while the team is rung: the caller is told to hold. */
export const HOLD_FOR_PERSON_OUTPUT = `A team member is being connected. Say exactly: "${callPhrases.holdForPerson}" and nothing else.`;

/** What escalate_to_human answers when the runner hands the phone call to a person. */
export const TRANSFERRING_OUTPUT = 'The caller is being transferred to a person.';

const NOBODY_AVAILABLE_OUTPUT = `No one can take the call right now. Say exactly: "${callPhrases.busy}" If the caller agrees, ask one at a time for their name, the best number to call them back on (read it back to confirm), what it is about and the best time to call, then call take_message with them and say goodbye. If they decline, say a polite goodbye and call end_call.`;

// Spoken answers are short; three passages keep the model's context small and its reply quick.
const SEARCH_LIMIT = 3;

const searchArguments = z.object({ query: z.string().trim().min(1).max(500) });
const escalateArguments = z.object({ reason: z.string().trim().max(500).catch('') });
const messageArguments = z
  .object({
    name: z.string().trim().max(120).catch(''),
    phone: z.string().trim().max(40).catch(''),
    reason: z.string().trim().max(2000).catch(''),
    best_time: z.string().trim().max(200).catch(''),
    message: z.string().trim().max(4000).catch(''),
  })
  .refine((m) => m.reason || m.message);

/** The ticket's text: why the caller wants a call back and when, then anything else they said. */
function ticketMessage(args: z.infer<typeof messageArguments>): string {
  const lines = [
    args.reason,
    args.best_time ? `Best time to call: ${args.best_time}` : '',
    args.message && args.message !== args.reason ? args.message : '',
  ];
  return lines.filter(Boolean).join('\n');
}

export type CallToolDeps = {
  db: Database;
  /** Rings the company's available people; without it every escalation becomes a message. */
  offers?: CallOffers | undefined;
  retriever: KnowledgeRetriever;
  conversations: ConversationService;
  escalations: EscalationService;
  logger: Logger;
  /** Hears of each message taken (the company's webhooks). */
  onTicketCreated?: ((ticket: { companyId: string; ticketId: string }) => void) | undefined;
};

export type CallToolScope = {
  companyId: string;
  chatbotId: string;
  callId: string;
  knowledgeBaseAccess: boolean;
  /** Where a phone call can be handed when the caller needs a person; none when it cannot. */
  transferNumber?: string | null;
};

/**
 * What a tool answers the model; whether the call should end once the agent
 * has replied; or the number to hand the call to (the runner does the hand-off).
 */
export type CallToolResult = {
  output: string;
  endCall?: boolean;
  transferTo?: string;
  /** The runner holds the caller and rings the team (someone is available). */
  holdForPerson?: { reason: string };
};

/**
 * The tools every call agent gets, whatever its provider: knowledge search
 * (when the chatbot may use its knowledge base), hand-off to a person, taking
 * a message, and ending the call.
 */
export class CallTools {
  readonly #deps: CallToolDeps;
  readonly #scope: CallToolScope;
  #conversationId: string | null = null;
  #escalated = false;
  #messageTaken = false;
  /** The person who has the call now, if one took it over. */
  #person: { id: string; name: string } | null = null;
  /** Tools still running, so the end of the call settles after an escalation or a message in flight. */
  readonly #running = new Set<Promise<CallToolResult>>();

  constructor(deps: CallToolDeps, scope: CallToolScope) {
    this.#deps = deps;
    this.#scope = scope;
  }

  definitions(): ToolDefinition[] {
    return callToolDefinitions(this.#scope.knowledgeBaseAccess);
  }

  run(call: { name: string; arguments: Record<string, unknown> }): Promise<CallToolResult> {
    const running = this.#run(call);
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running));
    return running;
  }

  async #run(call: { name: string; arguments: Record<string, unknown> }): Promise<CallToolResult> {
    try {
      switch (call.name) {
        case SEARCH_KNOWLEDGE_BASE:
          return await this.#search(call.arguments);
        case ESCALATE_TO_HUMAN:
          return await this.#escalate(call.arguments);
        case TAKE_MESSAGE:
          return await this.#takeMessage(call.arguments);
        case END_CALL:
          return {
            output: 'The call will end after your reply. Say a short, friendly goodbye now.',
            endCall: true,
          };
        default:
          return { output: `There is no tool named ${call.name}.` };
      }
    } catch (err) {
      this.#deps.logger.error({ err: safeError(err), tool: call.name }, 'call tool failed');
      return { output: 'The tool failed. Apologise to the caller and offer to take a message.' };
    }
  }

  async #search(args: Record<string, unknown>): Promise<CallToolResult> {
    if (!this.#scope.knowledgeBaseAccess) {
      return { output: 'The knowledge base is not available on this call.' };
    }
    const parsed = searchArguments.safeParse(args);
    if (!parsed.success) return { output: 'Call search_knowledge_base with a non-empty "query".' };
    const chunks = await this.#deps.retriever.search({
      companyId: this.#scope.companyId,
      chatbotId: this.#scope.chatbotId,
      query: parsed.data.query,
      limit: SEARCH_LIMIT,
    });
    if (chunks.length === 0) return { output: 'No passage of the knowledge base matched.' };
    return { output: formatPassages(chunks) };
  }

  /**
   * The call is over: an escalation nobody took is closed as missed, with
   * the message the caller left or a note that they left none, so the Inbox
   * never shows a caller waiting who has hung up.
   */
  async callEnded(): Promise<void> {
    await Promise.allSettled(this.#running);
    if (!this.#escalated || !this.#conversationId) return;
    const person = this.#person;
    if (person) {
      // The caller hung up on the person who had the call: theirs, and now over.
      await this.#settle('conversation of a taken call not closed', (target) =>
        this.#deps.escalations.close(target, person),
      );
      return;
    }
    try {
      await this.#deps.escalations.closeMissed(
        { companyId: this.#scope.companyId, conversationId: this.#conversationId },
        { messageTaken: this.#messageTaken },
      );
    } catch (err) {
      this.#deps.logger.error({ err: safeError(err) }, 'missed escalation not closed');
    }
  }

  async #escalate(args: Record<string, unknown>): Promise<CallToolResult> {
    if (this.#escalated) return { output: `Already recorded. ${NOBODY_AVAILABLE_OUTPUT}` };
    const reason = escalateArguments.parse(args).reason || 'The caller asked for a person';
    const conversationId = await this.#conversation();
    await this.#deps.escalations.escalateConversation({
      companyId: this.#scope.companyId,
      conversationId,
      reason,
      callId: this.#scope.callId,
    });
    this.#escalated = true;
    const offers = this.#deps.offers;
    if (offers && (await offers.availableCount(this.#scope.companyId)) > 0) {
      return { output: HOLD_FOR_PERSON_OUTPUT, holdForPerson: { reason } };
    }
    // One hand-off per call: after one that failed, the caller is offered a message instead.
    const transferTo = this.#scope.transferNumber;
    if (transferTo) return { output: TRANSFERRING_OUTPUT, transferTo };
    return { output: await this.#nobodyAvailable() };
  }

  /** What the agent is told when nobody took the call: the busy line, then a message. */
  async #nobodyAvailable(): Promise<string> {
    const noOneAvailable = NOBODY_AVAILABLE_OUTPUT;
    const callerNumber = await this.#callerNumber();
    const prefill = callerNumber
      ? ` The caller is calling from ${callerNumber}: read it back and ask whether it is the best number to reach them.`
      : '';
    return `Escalation recorded. ${noOneAvailable}${prefill}`;
  }

  /** A person took the call over: the Inbox shows it as theirs. */
  async personJoined(person: { id: string; name: string }): Promise<void> {
    this.#person = person;
    await this.#settle('person joined not recorded', (target) =>
      this.#deps.escalations.take(target, person),
    );
  }

  /** The person gave the call back to the AI (or their connection dropped). */
  async personLeft(): Promise<void> {
    const person = this.#person;
    this.#person = null;
    if (!person) return;
    await this.#settle('hand back not recorded', (target) =>
      this.#deps.escalations.handBack(target, person),
    );
  }

  async #settle(
    failure: string,
    change: (target: { companyId: string; conversationId: string }) => Promise<unknown>,
  ): Promise<void> {
    if (!this.#conversationId) return;
    try {
      await change({ companyId: this.#scope.companyId, conversationId: this.#conversationId });
    } catch (err) {
      this.#deps.logger.warn({ err: safeError(err) }, failure);
    }
  }

  async #takeMessage(args: Record<string, unknown>): Promise<CallToolResult> {
    const parsed = messageArguments.safeParse(args);
    if (!parsed.success) {
      return {
        output:
          'Ask the caller for their name, callback number, reason and best time to call, then call take_message with them.',
      };
    }
    const [ticket] = await this.#deps.db
      .insert(tickets)
      .values({
        companyId: this.#scope.companyId,
        chatbotId: this.#scope.chatbotId,
        conversationId: this.#conversationId,
        callId: this.#scope.callId,
        name: parsed.data.name,
        phone: parsed.data.phone,
        message: ticketMessage(parsed.data),
      })
      .returning({ id: tickets.id });
    this.#messageTaken = true;
    if (ticket)
      this.#deps.onTicketCreated?.({ companyId: this.#scope.companyId, ticketId: ticket.id });
    return {
      output:
        'The message is saved for the team. Confirm to the caller that someone will get back to them.',
    };
  }

  /** The phone number a phone or WhatsApp call comes from; none on web calls. */
  async #callerNumber(): Promise<string | null> {
    const [row] = await this.#deps.db
      .select({ callerId: calls.callerId })
      .from(calls)
      .where(and(eq(calls.companyId, this.#scope.companyId), eq(calls.id, this.#scope.callId)));
    return row?.callerId ?? null;
  }

  /** The call's conversation in the Inbox, created when something needs a person. */
  async #conversation(): Promise<string> {
    if (this.#conversationId) return this.#conversationId;
    const { companyId, chatbotId, callId } = this.#scope;
    const conversation = await this.#deps.conversations.create({
      companyId,
      chatbotId,
      channel: 'voice_call',
      metadata: { callId },
    });
    await this.#deps.db
      .update(calls)
      .set({ conversationId: conversation.id })
      .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
    this.#conversationId = conversation.id;
    return conversation.id;
  }
}

export function callToolDefinitions(knowledgeBaseAccess: boolean): ToolDefinition[] {
  const tools: ToolDefinition[] = [];
  if (knowledgeBaseAccess) {
    tools.push({
      name: SEARCH_KNOWLEDGE_BASE,
      description:
        "Searches the business's knowledge base and returns the most relevant passages with their document titles. Use it before answering any question about the business.",
      parameters: {
        type: 'object',
        properties: { query: { type: 'string', description: 'What to look for, in a few words.' } },
        required: ['query'],
      },
    });
  }
  tools.push(
    {
      name: ESCALATE_TO_HUMAN,
      description:
        'Records that the caller needs a person (they asked for one, or you cannot help). Then tell the caller what it returns.',
      parameters: {
        type: 'object',
        properties: {
          reason: { type: 'string', description: 'Why a person is needed, in one sentence.' },
        },
        required: ['reason'],
      },
    },
    {
      name: TAKE_MESSAGE,
      description:
        'Saves a message for the team (a ticket in the Inbox) so someone can call the caller back. Collect each field from the caller first.',
      parameters: {
        type: 'object',
        properties: {
          name: { type: 'string', description: "The caller's name." },
          phone: {
            type: 'string',
            description: 'The number to call back, as digits, confirmed with the caller.',
          },
          reason: {
            type: 'string',
            description: 'What the call back is about, in the caller’s words.',
          },
          best_time: {
            type: 'string',
            description: 'When the caller would like to be called back.',
          },
          message: {
            type: 'string',
            description: 'Anything else the caller wants the team to know.',
          },
        },
        required: ['name', 'phone', 'reason', 'best_time'],
      },
    },
    {
      name: END_CALL,
      description:
        'Ends the call after your current reply. Use it when the caller is done or says goodbye.',
      parameters: { type: 'object', properties: {} },
    },
  );
  return tools;
}
