import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, tenantOf } from '../auth/guards.js';
import { conflict } from '../http/errors.js';
import type { ConversationEvent } from './conversation-events.js';
import type { ConversationTarget } from './conversation-service.js';
import type { EventStream } from './event-streams.js';
import {
  getInboxConversation,
  inboxStatusFilters,
  listInboxConversations,
} from './inbox-service.js';
import type { ConversationContext } from './routes.js';

const BASE = '/api/company/inbox';

const idParams = z.object({ id: z.uuid() });
const listQuery = z.object({
  status: z.enum(inboxStatusFilters).default('open'),
  chatbotId: z.uuid().optional(),
});
const replyBody = z.strictObject({ content: z.string().trim().min(1).max(4000) });

/** The members' Inbox: conversations waiting for or handled by people, and live updates. */
export async function inboxRoutes(app: FastifyInstance, context: ConversationContext) {
  const { deps, conversations, escalations, hub, streams } = context;
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  const targetOf = (request: FastifyRequest): ConversationTarget => ({
    companyId: tenantOf(request).id,
    conversationId: (request.params as { id: string }).id,
  });
  const agentOf = (request: FastifyRequest) => {
    const { id, name } = principalOf(request);
    return { id, name };
  };
  const view = (target: ConversationTarget) =>
    getInboxConversation(db, { companyId: target.companyId }, target.conversationId);

  r.get(
    `${BASE}/conversations`,
    { onRequest: guards.company, schema: { querystring: listQuery } },
    async (request) => ({
      conversations: await listInboxConversations(
        db,
        { companyId: tenantOf(request).id },
        request.query,
      ),
    }),
  );

  r.get(
    `${BASE}/conversations/:id`,
    { onRequest: guards.company, schema: { params: idParams } },
    async (request) => {
      const target = targetOf(request);
      const conversation = await view(target);
      return { conversation, messages: await conversations.listMessages(target) };
    },
  );

  r.post(
    `${BASE}/conversations/:id/take`,
    { onRequest: guards.company, schema: { params: idParams } },
    async (request) => {
      const target = targetOf(request);
      await escalations.take(target, agentOf(request));
      return { conversation: await view(target) };
    },
  );

  r.post(
    `${BASE}/conversations/:id/messages`,
    { onRequest: guards.company, schema: { params: idParams, body: replyBody } },
    async (request, reply) => {
      const target = targetOf(request);
      const agent = agentOf(request);
      const current = await conversations.get(target);
      if (current.status !== 'human' || current.assignedUserId !== agent.id) {
        throw conflict('Take over the conversation before replying');
      }
      const message = await conversations.appendMessage({
        ...target,
        role: 'agent',
        content: request.body.content,
        userId: agent.id,
        metadata: { authorName: agent.name },
      });
      return reply.status(201).send({ message });
    },
  );

  r.post(
    `${BASE}/conversations/:id/hand-back`,
    { onRequest: guards.company, schema: { params: idParams } },
    async (request) => {
      const target = targetOf(request);
      await escalations.handBack(target, agentOf(request));
      return { conversation: await view(target) };
    },
  );

  r.post(
    `${BASE}/conversations/:id/close`,
    { onRequest: guards.company, schema: { params: idParams } },
    async (request) => {
      const target = targetOf(request);
      await escalations.close(target, agentOf(request));
      return { conversation: await view(target) };
    },
  );

  r.get(`${BASE}/events`, { onRequest: guards.company }, async (request, reply) => {
    const companyId = tenantOf(request).id;
    const stream = streams.open(reply);
    stream.onClose(
      hub.onCompany(companyId, ({ conversationId, event }) =>
        sendToInbox(stream, conversationId, event),
      ),
    );
  });
}

/** Assistant messages reach the Inbox once complete; token deltas stay with the visitor. */
function sendToInbox(stream: EventStream, conversationId: string, event: ConversationEvent) {
  switch (event.type) {
    case 'message.created':
      if (event.data.role !== 'assistant') {
        stream.send('message.created', { conversationId, message: event.data });
      }
      return;
    case 'message.completed':
      stream.send('message.created', { conversationId, message: event.data });
      return;
    case 'conversation.status':
      stream.send('conversation.updated', { conversationId, status: event.data.status });
      return;
    default:
      return;
  }
}
