import fastifyCors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perMinute } from '../http/per-minute-limit.js';
import { CALLS_UNAVAILABLE } from '../voice/calls/session-manager.js';
import type { ConversationEvent } from './conversation-events.js';
import type { EventStream } from './event-streams.js';
import { toWidgetMessage } from './message-views.js';
import { assertAvailable, findPublicChatbot, widgetConfigOf } from './public-chatbot.js';
import type { ConversationContext } from './routes.js';
import {
  authorizeVisitor,
  newVisitorToken,
  type VisitorConversation,
  visitorTokenOf,
} from './visitor-access.js';

declare module 'fastify' {
  interface FastifyRequest {
    visitor?: VisitorConversation;
  }
}

const NEW_CONVERSATIONS_PER_MINUTE = 10;
const MESSAGES_PER_MINUTE = 30;
const READS_PER_MINUTE = 120;
const BODY_LIMIT_BYTES = 32 * 1024;

const publicParams = z.object({ publicId: z.string().min(1).max(40) });
const conversationParams = z.object({ id: z.uuid() });
const tokenQuery = z.object({ token: z.string().max(200).optional() });
const startBody = z
  .strictObject({
    visitorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _')
      .optional(),
  })
  .optional();
const messageBody = z.strictObject({ content: z.string().trim().min(1).max(4000) });

function visitorOf(request: FastifyRequest): VisitorConversation {
  if (!request.visitor) throw new Error('Route is missing the visitor check');
  return request.visitor;
}

/** The public chat API the embeddable widget talks to, registered under `/api/widget`. */
export async function widgetRoutes(app: FastifyInstance, context: ConversationContext) {
  const { deps, conversations, replies, hub, streams } = context;
  const { db, config } = deps;
  // Any website may embed the widget; its token is a header, never a cookie.
  await app.register(fastifyCors, {
    origin: '*',
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization'],
    maxAge: 600,
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visitor = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    request.visitor = await authorizeVisitor(db, id, visitorTokenOf(request));
  };
  const byPublicId = (prefix: string) => (request: FastifyRequest) =>
    `${prefix}:${request.ip}:${(request.params as { publicId: string }).publicId}`;
  const byChatbot = (prefix: string) => (request: FastifyRequest) =>
    `${prefix}:${request.ip}:${visitorOf(request).chatbotId}`;

  r.get(
    '/:publicId/config',
    {
      schema: { params: publicParams },
      config: perMinute(READS_PER_MINUTE, byPublicId('widget-read')),
    },
    async (request) => {
      const bot = await findPublicChatbot(db, request.params.publicId);
      const call = bot.available
        ? await deps.calls.availability(bot.publicId)
        : bot.chatbotType === 'call'
          ? { available: false, message: CALLS_UNAVAILABLE }
          : null;
      return { ...widgetConfigOf(bot, config), ...(call ? { call } : {}) };
    },
  );

  r.post(
    '/:publicId/conversations',
    {
      bodyLimit: BODY_LIMIT_BYTES,
      schema: { params: publicParams, body: startBody },
      config: perMinute(NEW_CONVERSATIONS_PER_MINUTE, byPublicId('widget-start')),
    },
    async (request, reply) => {
      const bot = assertAvailable(await findPublicChatbot(db, request.params.publicId));
      const { token, metadata } = newVisitorToken();
      const conversation = await conversations.create({
        companyId: bot.companyId,
        chatbotId: bot.id,
        channel: 'chat',
        visitorId: request.body?.visitorId,
        metadata,
      });
      return reply.status(201).send({ conversationId: conversation.id, token });
    },
  );

  r.get(
    '/conversations/:id/messages',
    {
      schema: { params: conversationParams, querystring: tokenQuery },
      preHandler: visitor,
      config: perMinute(READS_PER_MINUTE, byChatbot('widget-read')),
    },
    async (request) => {
      const { companyId, conversationId, status } = visitorOf(request);
      const history = await conversations.listMessages({ companyId, conversationId });
      return { messages: history.map(toWidgetMessage), status };
    },
  );

  r.post(
    '/conversations/:id/messages',
    {
      bodyLimit: BODY_LIMIT_BYTES,
      schema: { params: conversationParams, querystring: tokenQuery, body: messageBody },
      preHandler: visitor,
      config: perMinute(MESSAGES_PER_MINUTE, byChatbot('widget-message')),
    },
    async (request, reply) => {
      const { companyId, conversationId, chatbotId } = visitorOf(request);
      const message = await replies.acceptVisitorMessage(
        { companyId, conversationId, chatbotId },
        request.body.content,
      );
      return reply.status(202).send({ message: toWidgetMessage(message) });
    },
  );

  r.get(
    '/conversations/:id/events',
    {
      schema: { params: conversationParams, querystring: tokenQuery },
      preHandler: visitor,
      config: perMinute(READS_PER_MINUTE, byChatbot('widget-read')),
    },
    async (request, reply) => {
      const { conversationId, status } = visitorOf(request);
      const stream = streams.open(reply);
      stream.onClose(
        hub.onConversation(conversationId, ({ event }) => sendToVisitor(stream, event)),
      );
      stream.send('conversation.status', { status });
    },
  );
}

function sendToVisitor(stream: EventStream, event: ConversationEvent): void {
  if (event.type === 'message.created' || event.type === 'message.completed') {
    stream.send(event.type, toWidgetMessage(event.data));
  } else {
    stream.send(event.type, event.data);
  }
}
