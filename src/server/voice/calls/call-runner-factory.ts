import type { Logger } from 'pino';
import type { CallSource } from '../../../shared/domain.js';
import type { EventBus } from '../../bus/event-bus.js';
import { agentDefinitionFor } from '../../chat/agent-definition.js';
import type { ConversationService } from '../../conversations/conversation-service.js';
import type { EscalationService } from '../../conversations/escalation-service.js';
import type { Database } from '../../db/client.js';
import type { KnowledgeRetriever } from '../../knowledge/retrieval.js';
import { callLogger } from '../../logger.js';
import { StereoCallRecording } from '../../recordings/call-recording.js';
import type { RecordingStore } from '../../recordings/recording-store.js';
import type { WebhookOutbox } from '../../webhooks/webhook-outbox.js';
import type { CallOffers } from '../handoff/call-offer.js';
import { ListenedLeg } from '../handoff/listened-leg.js';
import type { SpeechListenerFactory } from '../handoff/speech-listeners.js';
import { callInstructions } from '../runner/call-instructions.js';
import { outboundGreeting } from '../runner/call-phrases.js';
import { CallRunner } from '../runner/call-runner.js';
import { CallTools } from '../runner/call-tools.js';
import type { Clock } from '../runner/clock.js';
import type { IntentRouteLookup } from '../runner/intent-routing.js';
import { ProviderUnavailableError } from '../runner/provider-unavailable.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { PhoneLineControl } from '../transports/phone-line-control.js';
import type { CallMetrics } from './call-metrics.js';
import { CallProbe } from './call-probe.js';
import type { CallChatbot } from './call-setup.js';
import type { CallScope, CallStore } from './call-store.js';
import type { AgentProviderFactory, CallModel } from './provider-registry.js';

export type CallRunnerDeps = {
  db: Database;
  bus: EventBus;
  /** The node's logger (with its nodeId); each call logs through a child with its ids. */
  logger: Logger;
  /** Voice-to-voice latency, barge-in reaction, frame latency and drops of each call, for /metrics. */
  metrics?: CallMetrics | undefined;
  retriever: KnowledgeRetriever;
  providers: AgentProviderFactory;
  store: CallStore;
  conversations: ConversationService;
  escalations: EscalationService;
  /** Where recordings go; calls are recorded only with one and when their chatbot says so. */
  recordings?: RecordingStore | undefined;
  clock?: Clock | undefined;
  connectRetry?: { attempts?: number; baseDelayMs?: number } | undefined;
  webhooks?: WebhookOutbox | undefined;
  /** Rings the company's available people for a call waiting for one (presence and ringing). */
  offers?: CallOffers | undefined;
  /** Transcribes a call a person took over. */
  listeners?: SpeechListenerFactory | undefined;
};

/**
 * The runner of one call: the chatbot's agent, its call settings and model,
 * and the call tools. A call the company placed opens with why it calls; a
 * phone call can be handed to the chatbot's transfer number.
 */
export function buildCallRunner(
  deps: CallRunnerDeps,
  call: {
    bot: CallChatbot;
    scope: CallScope;
    leg: CallerLeg;
    source: CallSource;
    model: CallModel | null;
    /** The caller's number on phone and WhatsApp calls. */
    callerNumber?: string | null | undefined;
    phoneLine?: PhoneLineControl | undefined;
    outbound?: { reason: string | null } | undefined;
    /** A routing rule says this call only takes a message. */
    takeMessageOnly?: boolean | undefined;
    /** A routing rule rings the team before the AI answers. */
    offerPersonFirst?: boolean | undefined;
    /** The company's rules that act on what the caller asks for during the call. */
    intentRoutes?: IntentRouteLookup | undefined;
    /** The agent of a multi-agent chatbot a routing rule picked; its default agent without. */
    agentId?: string | undefined;
  },
): CallRunner {
  const { bot, scope, model, phoneLine, outbound } = call;
  const logger = callLogger(deps.logger, scope);
  call.leg.logWith?.(logger);
  logger.info({ source: call.source, provider: model?.provider ?? 'none' }, 'call started');
  // Before the runner listens: the probe times each event up to the send it causes.
  const probe = deps.metrics ? new CallProbe(deps.metrics, model?.provider ?? null) : null;
  probe?.watchLeg(call.leg);
  const agent = agentDefinitionFor(bot, call.agentId ?? null);
  const leg = new ListenedLeg(call.leg);
  const transferNumber = phoneLine ? bot.settings.transferNumber : null;
  const settings = outbound
    ? { ...bot.settings, greeting: outboundGreeting(bot.companyName, outbound.reason) }
    : bot.settings;
  return new CallRunner({
    call: { id: scope.callId, companyId: bot.companyId, chatbotId: bot.id, source: call.source },
    settings,
    instructions: callInstructions(agent.instructions, settings, {
      canTransfer: Boolean(transferNumber),
      outbound,
      takeMessageOnly: call.takeMessageOnly,
    }),
    leg,
    listenIn: leg,
    ...(phoneLine ? { phoneLine } : {}),
    providerName: model?.provider ?? 'none',
    createSession: (config) => {
      if (!model) throw new ProviderUnavailableError('No voice model is configured for calls');
      const session = deps
        .providers(model, {
          callId: scope.callId,
          companyId: bot.companyId,
          chatbotId: bot.id,
          source: call.source,
          chatModelId: bot.chatModelId,
          settings: bot.settings,
          callerCodec: call.leg.codec,
          logger,
        })
        .createSession(config);
      return probe ? probe.watchSession(session) : session;
    },
    handoff: deps.offers && {
      offers: deps.offers,
      offer: {
        callId: scope.callId,
        companyId: bot.companyId,
        chatbotId: bot.id,
        chatbotName: bot.name,
        source: call.source,
        callerNumber: call.callerNumber ?? null,
      },
      holdAudio: bot.holdAudio,
      transferNumber,
      listeners: deps.listeners,
      personFirst: call.offerPersonFirst ?? false,
    },
    tools: new CallTools(
      {
        db: deps.db,
        offers: deps.offers,
        retriever: deps.retriever,
        conversations: deps.conversations,
        escalations: deps.escalations,
        logger,
        onTicketCreated: deps.webhooks && ((ticket) => deps.webhooks?.ticketCreated(ticket)),
      },
      {
        companyId: bot.companyId,
        chatbotId: bot.id,
        callId: scope.callId,
        knowledgeBaseAccess: bot.settings.knowledgeBaseAccess,
        transferNumber,
      },
    ),
    recorder: deps.store.recorder(scope),
    recording:
      bot.settings.recording && deps.recordings
        ? new StereoCallRecording({ store: deps.recordings, scope, logger })
        : undefined,
    bus: deps.bus,
    intentRoutes: call.intentRoutes,
    logger,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.connectRetry ? { connectRetry: deps.connectRetry } : {}),
  });
}
