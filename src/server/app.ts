import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { createEmbeddings } from './ai/create-embeddings.js';
import { aiModelRoutes } from './ai-models/routes.js';
import type { AppDeps } from './app-deps.js';
import { SESSION_COOKIE } from './auth/cookies.js';
import { createGuards } from './auth/guards.js';
import { authRoutes } from './auth/routes.js';
import { DatabaseSessionStore } from './auth/session-store.js';
import type { EventBus } from './bus/event-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { callbackRoutes } from './callbacks/routes.js';
import { outboundCallRoutes } from './calls/outbound-routes.js';
import { callRoutes } from './calls/routes.js';
import { createChatAgent } from './chat/create-agent.js';
import { chatbotPackageRoutes } from './chatbot-packages/routes.js';
import { chatbotRoutes } from './chatbots/routes.js';
import { companyRoutes } from './companies/routes.js';
import type { Config } from './config.js';
import { conversationRoutes } from './conversations/routes.js';
import type { SecretBox } from './crypto/secret-box.js';
import { hasVectorColumn } from './db/capabilities.js';
import type { DatabaseHandle } from './db/client.js';
import { healthRoutes } from './health/routes.js';
import { registerApiDocs } from './http/api-docs.js';
import { installErrorHandler } from './http/error-handler.js';
import { installNulGuard } from './http/nul-guard.js';
import { IntegrationAccountMonitor } from './integration-accounts/account-monitor.js';
import { integrationAccountRoutes } from './integration-accounts/routes.js';
import { knowledgeCategoryRoutes } from './knowledge/categories-routes.js';
import { chatbotKnowledgeCategoryRoutes } from './knowledge/chatbot-categories-routes.js';
import { knowledgeDocumentRoutes } from './knowledge/documents-routes.js';
import { KnowledgeRetriever } from './knowledge/retrieval.js';
import { knowledgeSearchRoutes } from './knowledge/search-routes.js';
import { nodeLogger } from './logger.js';
import { SmtpMailer } from './mail/mailer.js';
import { memberRoutes } from './members/routes.js';
import { BuzziMetrics } from './metrics/buzzi-metrics.js';
import { knowledgeQueueDepth } from './metrics/knowledge-queue-depth.js';
import { metricsRoutes } from './metrics/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { FileRecordingStore } from './recordings/file-recording-store.js';
import { RecordingLinks } from './recordings/recording-links.js';
import { recordingRoutes } from './recordings/recording-routes.js';
import { RecordingRetention } from './recordings/retention-sweep.js';
import { recordingSettingsRoutes } from './recordings/settings-routes.js';
import { callRoutingRoutes } from './routing/routes.js';
import { ticketRoutes } from './tickets/routes.js';
import { instrumentProviders } from './voice/calls/instrumented-providers.js';
import { localProviderFactory } from './voice/calls/local-provider-factory.js';
import { agentProviderFactory } from './voice/calls/provider-registry.js';
import { CallSessionManager } from './voice/calls/session-manager.js';
import { callSettingsRoutes } from './voice/calls/settings-routes.js';
import { createVoiceCatalog } from './voice/calls/voice-catalog.js';
import { voiceRoutes } from './voice/calls/voice-routes.js';
import type { CallOffersService } from './voice/handoff/call-offers-service.js';
import { createCallOffers } from './voice/handoff/create-call-offers.js';
import { handoffRoutes } from './voice/handoff/routes.js';
import { localSpeechListeners } from './voice/handoff/speech-listeners.js';
import { takeOverRoutes } from './voice/handoff/take-over-routes.js';
import { LocalVoiceEngine } from './voice/providers/local/engine.js';
import { browserCallRoutes } from './voice/transports/browser/gateway-routes.js';
import { twilioWebhookRoutes } from './voice/transports/twilio/webhook-routes.js';
import { whatsappWebhookRoutes } from './voice/transports/whatsapp/webhook-routes.js';
import { webhookRoutes } from './webhooks/routes.js';
import { WebhookOutbox } from './webhooks/webhook-outbox.js';
import { WebhookSender } from './webhooks/webhook-sender.js';
import { widgetAssetRoutes } from './widget-assets/routes.js';

export type AppOptions = {
  config: Config;
  database: DatabaseHandle;
  bus: EventBus;
  secretBox: SecretBox;
  logger: Logger;
  /** The built dashboard; served at `/` when it exists. */
  dashboardDir?: string | undefined;
  /** Sees every route as it is added: the security tests sweep Fastify's own route table. */
  onRoute?: ((route: RouteOptions) => void) | undefined;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The node's CallOffers, for code in the same process that rings people (tests, tools). */
    callOffers: CallOffersService;
  }
}

const BODY_LIMIT_BYTES = 1024 * 1024;
/** Larger WebSocket messages close the socket (1009); call transports reject smaller bad ones themselves. */
const WEBSOCKET_MAX_PAYLOAD_BYTES = 256 * 1024;
const SESSION_SWEEP_MS = 3600_000;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, bus, secretBox } = options;
  const logger = nodeLogger(options.logger, config.nodeId);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Only behind a proxy may X-Forwarded-For name the client; otherwise anyone
    // could pick the address that rate limits are keyed by. Only the entry our
    // proxy appended counts: the ones before it are whatever the client sent.
    trustProxy: config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    // An idle keep-alive socket must not hold a shutdown for its whole timeout.
    forceCloseConnections: true,
    // While live calls drain, requests are still answered: readiness says why
    // this node is going away (instead of Fastify's bare 503), and call starts
    // refuse themselves with a message for the caller.
    return503OnClosing: false,
    // Avvio bounds each close hook by this too, and the call drain (a preClose
    // hook) takes up to the shutdown grace plus the post-call analyses.
    pluginTimeout: Math.max(10_000, config.shutdownGraceMs + 15_000),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  installNulGuard(app);
  // Before every route: the OpenAPI document holds only routes added after it.
  await registerApiDocs(app);
  const metrics = new BuzziMetrics({ knowledgeQueueDepth: () => knowledgeQueueDepth(database.db) });
  await metricsRoutes(app, metrics, config.metricsToken);

  const secureCookies = config.publicUrl?.startsWith('https://') ?? false;
  const sessionStore = new DatabaseSessionStore(database.db, config.sessionTtlMs);
  await app.register(fastifyCookie, { secret: secretBox.deriveKey('cookie').toString('hex') });
  await app.register(fastifySession, {
    secret: secretBox.deriveKey('session').toString('hex'),
    cookieName: SESSION_COOKIE,
    store: sessionStore,
    saveUninitialized: false,
    rolling: false,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: config.sessionTtlMs,
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(bus instanceof RedisBus ? { redis: bus.client, skipOnError: true } : {}),
  });

  const sweep = setInterval(() => {
    sessionStore.sweepExpired().catch((err) => logger.warn({ err }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  const embeddings = createEmbeddings(config.providers);
  const retriever = new KnowledgeRetriever({
    db: database.db,
    embeddings,
    vectorColumn: await hasVectorColumn(database.db),
    logger,
  });
  const localVoice = new LocalVoiceEngine({ config: config.localVoice, logger });
  const recordings = new FileRecordingStore(path.join(config.dataDir, 'recordings'));
  const recordingLinks = new RecordingLinks({ key: secretBox.deriveKey('recording-links') });
  const retention = new RecordingRetention({ db: database.db, recordings, logger });
  retention.start();
  app.addHook('onClose', async () => retention.stop());
  const webhookOutbox = new WebhookOutbox({ db: database.db, logger });
  const webhookSender = new WebhookSender({
    db: database.db,
    secretBox,
    config: config.webhooks,
    logger,
    outbox: webhookOutbox,
    metrics,
  });
  app.addHook('onClose', async () => localVoice.close());
  const callOffers = createCallOffers({ db: database.db, bus, logger });
  await callOffers.ready;
  app.decorate('callOffers', callOffers);
  app.addHook('onClose', async () => callOffers.close());
  const calls = new CallSessionManager({
    db: database.db,
    bus,
    localVoice,
    listeners: localSpeechListeners(localVoice, logger),
    redis: bus instanceof RedisBus ? bus.client : undefined,
    config,
    logger,
    retriever,
    recordings,
    webhooks: webhookOutbox,
    metrics,
    offers: callOffers,
    providers: instrumentProviders(
      agentProviderFactory({
        providers: config.providers,
        logger,
        local: localProviderFactory({
          engine: localVoice,
          db: database.db,
          retriever,
          config,
          logger,
        }),
      }),
      metrics,
    ),
  });
  await calls.ready;
  const abandonedCalls = await calls.recoverAbandoned();
  if (abandonedCalls > 0)
    logger.warn({ calls: abandonedCalls }, 'closed calls left open by a stopped node');
  // preClose, not onClose: live calls must finish before their sockets are closed.
  app.addHook('preClose', async () => calls.drain());
  // Registered after the drain hook: its own preClose closes whatever sockets are still open.
  await app.register(fastifyWebsocket, {
    options: { maxPayload: WEBSOCKET_MAX_PAYLOAD_BYTES },
    // A client's malformed frame (too large, not UTF-8) is its fault, not a server error.
    errorHandler: (error, socket, request) => {
      request.log.warn({ code: (error as { code?: unknown }).code }, 'websocket closed on error');
      socket.terminate();
    },
  });
  const mailer = config.mail ? new SmtpMailer(config.mail) : undefined;
  if (mailer) app.addHook('onClose', async () => mailer.close());
  const integrations = new IntegrationAccountMonitor({
    db: database.db,
    secretBox,
    config,
    logger,
  });
  integrations.start();
  app.addHook('onClose', async () => integrations.stop());
  webhookSender.start();
  // After the call drain (preClose): the events of the last calls are enqueued by then.
  app.addHook('onClose', async () => {
    await webhookOutbox.settled();
    await webhookSender.stop();
  });
  const deps: AppDeps = {
    voices: createVoiceCatalog(localVoice),
    embeddings,
    retriever,
    calls,
    callOffers,
    localVoice,
    chatAgent: createChatAgent({ db: database.db, retriever, config, logger }),
    config,
    db: database.db,
    databaseKind: database.kind,
    bus,
    secretBox,
    guards: createGuards(database.db),
    logger,
    secureCookies,
    mailer,
    integrations,
    recordings,
    recordingLinks,
    webhooks: webhookOutbox,
    webhookSender,
  };
  for (const routes of [
    healthRoutes,
    authRoutes,
    companyRoutes,
    aiModelRoutes,
    chatbotPackageRoutes,
    chatbotRoutes,
    memberRoutes,
    callRoutes,
    takeOverRoutes,
    outboundCallRoutes,
    callbackRoutes,
    callRoutingRoutes,
    integrationAccountRoutes,
    knowledgeCategoryRoutes,
    knowledgeDocumentRoutes,
    chatbotKnowledgeCategoryRoutes,
    knowledgeSearchRoutes,
    conversationRoutes,
    browserCallRoutes,
    twilioWebhookRoutes,
    whatsappWebhookRoutes,
    callSettingsRoutes,
    ticketRoutes,
    notificationRoutes,
    voiceRoutes,
    widgetAssetRoutes,
    recordingRoutes,
    recordingSettingsRoutes,
    webhookRoutes,
    handoffRoutes,
  ]) {
    await routes(app, deps);
  }

  const servesDashboard =
    options.dashboardDir !== undefined && existsSync(path.join(options.dashboardDir, 'index.html'));
  if (servesDashboard) {
    await app.register(fastifyStatic, { root: options.dashboardDir });
  }
  // The SPA owns every other page path; API paths and missing files stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isPage =
      request.method === 'GET' && !pathname.startsWith('/api/') && !path.extname(pathname);
    if (servesDashboard && isPage) return reply.type('text/html').sendFile('index.html');
    return reply
      .status(404)
      .send({ error: 'not_found', message: `No route for ${request.method} ${pathname}` });
  });
  return app;
}
