import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { BotReplies } from './bot-replies.js';
import { ConversationEventHub } from './conversation-events.js';
import { ConversationService } from './conversation-service.js';
import { EscalationService } from './escalation-service.js';
import { EventStreams } from './event-streams.js';
import { inboxRoutes } from './inbox-routes.js';
import { widgetRoutes } from './widget-routes.js';

/** What the widget and Inbox routes share on one node. */
export type ConversationContext = {
  deps: AppDeps;
  conversations: ConversationService;
  escalations: EscalationService;
  replies: BotReplies;
  hub: ConversationEventHub;
  streams: EventStreams;
};

/** The public widget chat API and the members' Inbox, on one event hub. */
export async function conversationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const conversations = new ConversationService({ db: deps.db, bus: deps.bus });
  const escalations = new EscalationService(conversations);
  const context: ConversationContext = {
    deps,
    conversations,
    escalations,
    replies: new BotReplies({
      conversations,
      escalations,
      agent: deps.chatAgent,
      logger: deps.logger,
    }),
    hub: await ConversationEventHub.open(deps.bus),
    streams: new EventStreams(),
  };
  // Open streams would otherwise keep the server from closing.
  app.addHook('preClose', async () => context.streams.closeAll());
  app.addHook('onClose', async () => {
    await context.replies.close();
    context.hub.close();
  });
  await app.register(async (widget) => widgetRoutes(widget, context), { prefix: '/api/widget' });
  await inboxRoutes(app, context);
}
