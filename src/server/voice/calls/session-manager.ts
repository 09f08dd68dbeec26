import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { routingSourceOf } from '../../../shared/call-routing.js';
import type { CallSource } from '../../../shared/domain.js';
import { numberOfWhatsAppId } from '../../../shared/phone-number.js';
import type { EventBus } from '../../bus/event-bus.js';
import type { Config } from '../../config.js';
import { ConversationService } from '../../conversations/conversation-service.js';
import { EscalationService } from '../../conversations/escalation-service.js';
import type { Database } from '../../db/client.js';
import { AppError, callFeatureDisabled, notFound } from '../../http/errors.js';
import type { KnowledgeRetriever } from '../../knowledge/retrieval.js';
import { nodeLogger } from '../../logger.js';
import type { RecordingStore } from '../../recordings/recording-store.js';
import {
  type CallRoute,
  recordCallRoute,
  routeCall,
  routeIntent,
} from '../../routing/call-route.js';
import type { CallFacts } from '../../routing/evaluate-rules.js';
import { outcomeWithin } from '../../time-limit.js';
import type { WebhookOutbox } from '../../webhooks/webhook-outbox.js';
import type { CallOffers } from '../handoff/call-offer.js';
import type { SpeechListenerFactory } from '../handoff/speech-listeners.js';
import { CallAnnouncer } from '../runner/call-announcer.js';
import type { CallRunner } from '../runner/call-runner.js';
import type { CallOutcome } from '../runner/call-types.js';
import type { Clock } from '../runner/clock.js';
import { type CallEndReason, callEndReasons } from '../runner/end-reasons.js';
import type { IntentRouteLookup } from '../runner/intent-routing.js';
import { safeError } from '../runner/log-safe.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { PhoneLineControl } from '../transports/phone-line-control.js';
import { noticeFailedCall } from './call-failure-notices.js';
import type { CallLabels, CallMetrics } from './call-metrics.js';
import type { CallReadinessEnv } from './call-readiness.js';
import { buildCallRunner, type CallRunnerDeps } from './call-runner-factory.js';
import {
  type CallChatbot,
  type ChatbotKey,
  loadCallChatbot,
  resolveCallModel,
} from './call-setup.js';
import { type CallScope, CallStore, callLimitReached } from './call-store.js';
import { LiveCallRegistry } from './live-registry.js';
import { closeMissedEscalation } from './missed-escalation.js';
import { claimOutboundCall } from './phone-call-status.js';
import { type ChatModelFactory, PostCallAnalyses } from './post-call-analyses.js';
import {
  type AgentProviderFactory,
  type CallModel,
  providerInputSampleRate,
} from './provider-registry.js';
import {
  closeStaleCalls,
  HEARTBEAT_MS,
  type RecoveredCall,
  recoverAbandonedCalls,
  STALE_AFTER_MS,
} from './recovery.js';
import { endWithNotice } from './routed-calls.js';
import {
  type CallSession,
  CallSessionTokens,
  MemorySessionStore,
  type PendingSessionStore,
  RedisSessionStore,
} from './session-tokens.js';

/** What the widget's call button shows: enabled, or disabled with a message for the visitor. */
export type CallAvailability = {
  available: boolean;
  message: string | null;
  /** The chatbot records its calls: the widget tells the caller so. */
  recorded: boolean;
};

export const CALLS_UNAVAILABLE = 'Voice calls temporarily unavailable';

export type { CallSession } from './session-tokens.js';

export type CallSessionManagerOptions = {
  db: Database;
  bus: EventBus;
  /** The bus's Redis connection when there is one: pending sessions and the live-call registry go there. */
  redis?: Redis | undefined;
  config: Pick<Config, 'nodeId' | 'shutdownGraceMs' | 'providers'> &
    Partial<Pick<Config, 'callStaleAfterMs'>>;
  logger: Logger;
  retriever: KnowledgeRetriever;
  providers: AgentProviderFactory;
  /** The post-call analysis model for a chatbot's chat model choice; built from the config by default. */
  chatModel?: ChatModelFactory;
  clock?: Clock;
  connectRetry?: { attempts?: number; baseDelayMs?: number };
  sessionStore?: PendingSessionStore;
  /** The local voice engine, so a call it cannot take tells the admins what to install. */
  localVoice?: CallReadinessEnv['localVoice'];
  /** The company's webhooks hear of calls starting, ending and being analysed, and of messages taken. */
  webhooks?: WebhookOutbox | undefined;
  /** Where call recordings go; without one no call is recorded. */
  recordings?: RecordingStore;
  /** Live calls and call outcomes for /metrics. */
  metrics?: CallMetrics | undefined;
  /** Rings the company's available people for a call waiting for one. */
  offers?: CallOffers | undefined;
  /** Transcribes calls a person took over. */
  listeners?: SpeechListenerFactory | undefined;
};

export type StartCallInput = {
  session: CallSession;
  leg: CallerLeg;
  source: CallSource;
  /** Phone number or WhatsApp id as the transport knows it; none for web calls. */
  callerId?: string | null;
  /** A phone call's hold on the network (transfers, a spoken apology instead of silence). */
  phoneLine?: PhoneLineControl;
};

export type LiveCall = { callId: string; finished: Promise<CallOutcome> };

/** A phone call the company places through one of its Twilio accounts. */
export type OutboundCallInput = {
  companyId: string;
  chatbotId: string;
  integrationAccountId: string;
  /** The number called (E.164). */
  to: string;
  reason: string | null;
};

/** An outbound call the callee answered: Twilio asks for the TwiML that streams it. */
export type AnsweredOutboundCall = {
  companyId: string;
  callId: string;
  callSid: string;
  integrationAccountId: string;
  ip: string;
};

/** A phone call the network offers, as its voice webhook describes it. */
export type PhoneSessionInput = {
  companyId: string;
  chatbotId: string;
  integrationAccountId: string;
  callSid: string;
  /** The caller's number. */
  from: string;
  /** The caller's name when the network sends one. */
  callerName: string | null;
  /** Where the webhook came from (the network's address). */
  ip: string;
  /** The routing rule that chose how the call is answered (its chatbot is `chatbotId`). */
  route?: CallRoute | undefined;
};

// Post-call analyses still running at shutdown get this long before the process goes.
const ANALYSIS_DRAIN_MS = 5000;

const shuttingDown = () =>
  new AppError(503, 'shutting_down', 'This server is restarting. Please call again in a moment.');
const phoneCallGone = () =>
  new AppError(409, 'call_ended', 'This phone call ended before its audio connected.');
const invalidSession = () =>
  new AppError(401, 'invalid_call_session', 'This call session is unknown, used or expired.');

/**
 * The calls of one node: issues call session tokens, starts a CallRunner per
 * call within the company's concurrency limit, registers live calls (here
 * and, on Redis, for the cluster), routes control commands from any node,
 * runs the post-call analysis, and drains on shutdown.
 */
export class CallSessionManager {
  readonly #o: CallSessionManagerOptions;
  readonly #store: CallStore;
  readonly #tokens: CallSessionTokens;
  readonly #live: LiveCallRegistry<CallRunner>;
  readonly #runnerDeps: CallRunnerDeps;
  readonly #analyses: PostCallAnalyses;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #staleAfterMs: number;
  #unsubscribe: () => void = () => {};
  /** Resolves once control commands published from any node reach this one. */
  readonly ready: Promise<void>;
  #draining = false;
  #closed = false;

  constructor(options: CallSessionManagerOptions) {
    this.#o = options;
    this.#store = new CallStore(options.db);
    this.#tokens = new CallSessionTokens(
      options.sessionStore ??
        (options.redis ? new RedisSessionStore(options.redis) : new MemorySessionStore()),
    );
    const staleAfterMs = options.config.callStaleAfterMs ?? STALE_AFTER_MS;
    this.#staleAfterMs = staleAfterMs;
    this.#live = new LiveCallRegistry({
      nodeId: options.config.nodeId,
      redis: options.redis,
      ttlMs: staleAfterMs,
      logger: options.logger,
    });
    const conversations = new ConversationService({ db: options.db, bus: options.bus });
    const { db, bus, retriever, providers, clock, connectRetry, recordings } = options;
    // The calls' lines name this node (each call's logger adds its callId and companyId).
    const logger = nodeLogger(options.logger, options.config.nodeId);
    this.#runnerDeps = {
      db,
      recordings,
      bus,
      logger,
      metrics: options.metrics,
      retriever,
      providers,
      clock,
      connectRetry,
      store: this.#store,
      webhooks: options.webhooks,
      offers: options.offers,
      listeners: options.listeners,
      conversations,
      escalations: new EscalationService(conversations),
    };
    this.#analyses = new PostCallAnalyses({
      db: options.db,
      bus: options.bus,
      store: this.#store,
      providers: options.config.providers,
      logger,
      chatModel: options.chatModel,
      webhooks: options.webhooks,
    });
    this.ready = options.bus
      .subscribe('call.control', ({ callId, command, reason }) => {
        if (command !== 'end') return;
        void this.#live.get(callId)?.end(asEndReason(reason));
      })
      .then((unsubscribe) => {
        if (this.#closed) unsubscribe();
        else this.#unsubscribe = unsubscribe;
      });
    // Several heartbeats fit in the stale window, so one slow one never gets a live call closed.
    this.#every(Math.min(HEARTBEAT_MS, staleAfterMs / 6), () => this.#heartbeat());
    this.#every(staleAfterMs, () =>
      closeStaleCalls(options.db, { staleAfterMs }).then(async (closed) => {
        await Promise.all(closed.map((call) => this.#closedByRecovery(call)));
        if (closed.length > 0) {
          options.logger.warn({ closed: closed.length }, 'closed calls of nodes that stopped');
        }
      }),
    );
  }

  /** Shutting down: no new calls, live ones finishing (readiness reports it). */
  get draining(): boolean {
    return this.#draining;
  }

  /** Calls running on this node. */
  get liveCallCount(): number {
    return this.#live.size;
  }

  /** Issues a single-use token for one call with a chatbot (the widget's "Call" button). */
  async createSession(input: { chatbotPublicId: string; ip: string }) {
    if (this.#draining) throw shuttingDown();
    const { bot, route } = await this.#routedWebChatbot(input.chatbotPublicId);
    if ((await this.#store.countLive(bot.companyId)) >= bot.maxConcurrentCalls) {
      throw callLimitReached(bot.maxConcurrentCalls);
    }
    const model = await resolveCallModel(
      this.#o.db,
      bot.settings.modelId,
      this.#o.config.providers,
    );
    const providerRate = model ? providerInputSampleRate(model.provider) : undefined;
    const issued = await this.#tokens.issue({
      companyId: bot.companyId,
      chatbotId: bot.id,
      chatbotPublicId: bot.publicId,
      ip: input.ip,
      ...(providerRate ? { providerInputSampleRate: providerRate } : {}),
      ...(route ? { route } : {}),
    });
    return { ...issued, providerInputSampleRate: providerRate };
  }

  /**
   * Answers a phone call the network offers (Twilio's voice webhook): holds
   * a line for it as a pending call row, within the company's concurrency
   * limit, and issues the single-use token its media stream starts it with.
   * Throws like createSession, and 409 call_exists for a Call SID offered before.
   */
  async createPhoneSession(input: PhoneSessionInput) {
    if (this.#draining) throw shuttingDown();
    const bot = await this.#callableChatbot({
      companyId: input.companyId,
      chatbotId: input.chatbotId,
    });
    const { id: callId } = await this.#store.reservePhoneCall(
      {
        companyId: bot.companyId,
        chatbotId: bot.id,
        source: 'twilio',
        nodeId: this.#o.config.nodeId,
        callerId: input.from,
        callerName: input.callerName,
        twilioCallSid: input.callSid,
        integrationAccountId: input.integrationAccountId,
      },
      bot.maxConcurrentCalls,
    );
    const issued = await this.#tokens.issue({
      companyId: bot.companyId,
      chatbotId: bot.id,
      chatbotPublicId: bot.publicId,
      ip: input.ip,
      phoneCall: {
        callId,
        callSid: input.callSid,
        integrationAccountId: input.integrationAccountId,
      },
      ...(input.route ? { route: input.route } : {}),
    });
    if (input.route) {
      await recordCallRoute(this.#o.db, { companyId: bot.companyId, callId }, input.route, bot.id);
    }
    return { ...issued, callId };
  }

  /**
   * Holds a line for a call the company places: a pending outbound row within
   * the concurrency limit, until the callee answers (createOutboundStreamSession)
   * or the network reports the call gone. Throws like createSession.
   */
  async reserveOutboundCall(input: OutboundCallInput): Promise<{ callId: string }> {
    if (this.#draining) throw shuttingDown();
    const bot = await this.#callableChatbot({
      companyId: input.companyId,
      chatbotId: input.chatbotId,
    });
    const { id: callId } = await this.#store.reservePhoneCall(
      {
        companyId: bot.companyId,
        chatbotId: bot.id,
        source: 'twilio',
        nodeId: this.#o.config.nodeId,
        callerId: input.to,
        callerName: null,
        twilioCallSid: null,
        integrationAccountId: input.integrationAccountId,
        direction: 'outbound',
        outboundReason: input.reason,
      },
      bot.maxConcurrentCalls,
    );
    return { callId };
  }

  /**
   * The callee answered an outbound call that is still pending: the
   * single-use token its media stream starts it with, bound to this Call SID.
   * 409 call_ended when the call is not pending (any more).
   */
  async createOutboundStreamSession(input: AnsweredOutboundCall) {
    if (this.#draining) throw shuttingDown();
    const claimed = await claimOutboundCall(
      this.#o.db,
      { companyId: input.companyId, callId: input.callId },
      { integrationAccountId: input.integrationAccountId, callSid: input.callSid },
    );
    if (!claimed?.chatbotId) throw phoneCallGone();
    const bot = await this.#callableChatbot({
      companyId: input.companyId,
      chatbotId: claimed.chatbotId,
    });
    return this.#tokens.issue({
      companyId: bot.companyId,
      chatbotId: bot.id,
      chatbotPublicId: bot.publicId,
      ip: input.ip,
      phoneCall: {
        callId: input.callId,
        callSid: input.callSid,
        integrationAccountId: input.integrationAccountId,
      },
    });
  }

  /**
   * Whether the widget may offer a call now, without issuing a session: the
   * company has the Call Feature and a free line. Null for a chatbot that
   * does not take calls.
   */
  async availability(chatbotPublicId: string): Promise<CallAvailability | null> {
    const chatbot = await loadCallChatbot(this.#o.db, { publicId: chatbotPublicId });
    if (!chatbot?.isActive || !chatbot.companyActive || chatbot.chatbotType !== 'call') return null;
    const recorded = chatbot.settings.recording;
    const unavailable = { available: false, message: CALLS_UNAVAILABLE, recorded } as const;
    if (this.#draining || !chatbot.callEnabled) return unavailable;
    if ((await this.#store.countLive(chatbot.companyId)) >= chatbot.maxConcurrentCalls) {
      return unavailable;
    }
    return { available: true, message: null, recorded };
  }

  /** The session a token stands for, once; 401 invalid_call_session otherwise. */
  async redeem(sessionId: string, token: string): Promise<CallSession> {
    const session = await this.#tokens.redeem(sessionId, token);
    if (!session || session.expiresAt <= Date.now()) throw invalidSession();
    return session;
  }

  /**
   * Starts the call of a redeemed session on a connected caller leg: the call
   * row exists when this resolves; the agent connects in the background and
   * the leg hears `call.started` (or an `error` notice) from the runner.
   */
  async startCall(input: StartCallInput): Promise<LiveCall> {
    if (this.#draining) throw shuttingDown();
    const { session } = input;
    if (session.expiresAt <= Date.now()) throw invalidSession();
    const bot = await this.#callableChatbot({
      companyId: session.companyId,
      chatbotId: session.chatbotId,
    });
    const model = await resolveCallModel(
      this.#o.db,
      bot.settings.modelId,
      this.#o.config.providers,
    );
    const modelId = model?.id ?? null;
    const { nodeId } = this.#o.config;
    const { phoneCall } = session;
    const answered = phoneCall
      ? await this.#store.answerPhoneCall(
          { companyId: bot.companyId, callId: phoneCall.callId },
          { modelId, nodeId },
        )
      : null;
    if (phoneCall && !answered) throw phoneCallGone();
    const call =
      answered ??
      (await this.#store.create(
        {
          companyId: bot.companyId,
          chatbotId: bot.id,
          modelId,
          source: input.source,
          nodeId,
          callerId: input.callerId ?? null,
        },
        bot.maxConcurrentCalls,
      ));
    const scope: CallScope = { companyId: bot.companyId, callId: call.id };
    const { route } = session;
    // A phone call's route was recorded when its line was reserved.
    if (route && !phoneCall) await recordCallRoute(this.#o.db, scope, route, bot.id);
    if (route?.action.type === 'play_and_hangup') {
      const announcer = new CallAnnouncer(input.leg, this.#o.bus, {
        id: call.id,
        companyId: bot.companyId,
        chatbotId: bot.id,
        source: input.source,
      });
      this.#o.webhooks?.callStarted(scope);
      const ended = endWithNotice(
        this.#store,
        scope,
        { leg: input.leg, announcer },
        route.action.message,
      ).then((outcome) => {
        this.#o.webhooks?.callEnded(scope);
        return outcome;
      });
      return { callId: call.id, finished: ended };
    }
    const outbound =
      answered?.direction === 'outbound' ? { reason: answered.outboundReason } : undefined;
    const runner = buildCallRunner(this.#runnerDeps, {
      bot,
      scope,
      leg: input.leg,
      source: input.source,
      model,
      callerNumber: input.callerId ?? answered?.callerId,
      phoneLine: input.phoneLine,
      outbound,
      takeMessageOnly: route?.action.type === 'take_message',
      offerPersonFirst: route?.action.type === 'offer_person',
      agentId: route?.action.type === 'answer' ? route.action.agentId : undefined,
      intentRoutes: this.#intentRoutes(scope, bot.id, {
        source: routingSourceOf[input.source],
        callerNumber: routingNumberOf(input.source, input.callerId ?? answered?.callerId ?? null),
        chatbotId: bot.id,
        integrationAccountId: phoneCall?.integrationAccountId ?? null,
        keypress: null,
      }),
    });
    this.#live.add({ callId: call.id, companyId: bot.companyId, chatbotId: bot.id }, runner);
    this.#o.webhooks?.callStarted(scope);
    const labels: CallLabels = { source: input.source, provider: model?.provider ?? 'none' };
    this.#o.metrics?.callStarted(labels);
    runner.finished.then((outcome) => {
      this.#live.remove(call.id);
      this.#o.metrics?.callEnded(labels, outcome);
      this.#o.webhooks?.callEnded(scope);
      this.#analyses.start(bot, scope);
      if (outcome.endReason === 'provider_unavailable') this.#noticeFailure(bot, model);
    });
    runner.start().catch((err: unknown) => {
      this.#o.logger.error(
        { err: safeError(err), callId: call.id, companyId: bot.companyId, nodeId },
        'call failed to start',
      );
      void runner.end('internal_error');
    });
    return { callId: call.id, finished: runner.finished };
  }

  /**
   * At start-up: closes the calls a stopped process left open (see
   * recovery.ts), analyses their saved transcripts, and removes this node's
   * leftover cluster registry entries. Returns how many calls it closed.
   */
  async recoverAbandoned(): Promise<number> {
    await this.#live.clearStale();
    const closed = await recoverAbandonedCalls(this.#o.db, this.#o.config.nodeId, {
      staleAfterMs: this.#staleAfterMs,
    });
    await Promise.all(closed.map((call) => this.#closedByRecovery(call)));
    return closed.length;
  }

  /**
   * A call closed because its node stopped: receivers that heard it start
   * hear it end, and a caller left waiting for a person is a missed escalation.
   */
  async #closedByRecovery(call: RecoveredCall): Promise<void> {
    this.#o.webhooks?.callEnded({ companyId: call.companyId, callId: call.callId });
    this.#analyses.startRecovered(call);
    const { conversationId } = call;
    if (!conversationId) return;
    try {
      await closeMissedEscalation(this.#o.db, this.#runnerDeps.escalations, {
        ...call,
        conversationId,
      });
    } catch (err) {
      this.#o.logger.error(
        { err: safeError(err), callId: call.callId },
        'missed escalation of a recovered call not closed',
      );
    }
  }

  /** The runner of a call live on this node, for a person joining it. */
  liveRunner(callId: string): CallRunner | undefined {
    return this.#live.get(callId);
  }

  /** Ends a live call on whichever node runs it. False when no node runs it. */
  async endCall(callId: string, reason: CallEndReason = 'ended_by_staff'): Promise<boolean> {
    const local = this.#live.get(callId);
    if (local) {
      await local.end(reason);
      return true;
    }
    const running = (await this.#live.nodeOf(callId)) ?? (await this.#store.isLive(callId));
    if (!running) return false;
    this.#o.bus.publish('call.control', { callId, command: 'end', reason });
    return true;
  }

  /**
   * Shutdown: takes no new calls, gives live calls `graceMs` to finish, ends
   * the rest with `server_shutdown`, and lets post-call analyses complete.
   */
  async drain(graceMs = this.#o.config.shutdownGraceMs): Promise<void> {
    this.#draining = true;
    const live = this.#live.calls();
    if (live.length > 0) {
      this.#o.logger.info({ liveCalls: live.length, graceMs }, 'waiting for live calls to finish');
      await outcomeWithin(Promise.allSettled(live.map((runner) => runner.finished)), graceMs);
      await Promise.all(this.#live.calls().map((runner) => runner.end('server_shutdown')));
    }
    await outcomeWithin(this.#analyses.settled(), ANALYSIS_DRAIN_MS);
    this.close();
  }

  /** Resolves once every post-call analysis started so far has been stored. */
  analysesSettled(): Promise<void> {
    return this.#analyses.settled();
  }

  /** Stops housekeeping and control commands; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#unsubscribe();
  }

  /** The company's intent rules for a call under way, and where the one that acts is recorded. */
  #intentRoutes(scope: CallScope, chatbotId: string, facts: CallFacts): IntentRouteLookup {
    const { db, bus } = this.#o;
    return {
      route: (intent) => routeIntent(db, scope.companyId, facts, intent),
      record: async (route) => {
        await recordCallRoute(db, scope, route, chatbotId);
        bus.publish('call.updated', scope);
      },
    };
  }

  /** The chatbot a widget's call goes to once the company's routing rules have had their say. */
  async #routedWebChatbot(
    publicId: string,
  ): Promise<{ bot: CallChatbot; route: CallRoute | null }> {
    const called = await this.#callableChatbot({ publicId });
    const { route } = await routeCall(this.#o.db, called.companyId, {
      source: 'web',
      callerNumber: null,
      chatbotId: called.id,
      integrationAccountId: null,
      keypress: null,
    });
    if (route?.action.type !== 'answer') return { bot: called, route };
    const key = { companyId: called.companyId, chatbotId: route.action.chatbotId };
    return { bot: await this.#callableChatbot(key), route };
  }

  /** The chatbot, when it may take a call now; 404, 403 or 409 otherwise. */
  async #callableChatbot(key: ChatbotKey): Promise<CallChatbot> {
    const chatbot = await loadCallChatbot(this.#o.db, key);
    if (!chatbot?.isActive || !chatbot.companyActive) throw notFound('Chatbot');
    if (!chatbot.callEnabled) throw callFeatureDisabled();
    if (chatbot.chatbotType !== 'call') {
      throw new AppError(
        409,
        'conflict',
        'This chatbot answers chat only; it does not take calls.',
      );
    }
    return chatbot;
  }

  #noticeFailure(bot: CallChatbot, model: CallModel | null): void {
    const { db, config, localVoice, logger } = this.#o;
    noticeFailedCall(
      db,
      { providers: config.providers, localVoice },
      { companyId: bot.companyId, chatbot: bot, model },
    ).catch((err: unknown) =>
      logger.warn({ err: safeError(err) }, 'storing the failed-call notification failed'),
    );
  }

  async #heartbeat(): Promise<void> {
    this.#live.refresh();
    await this.#store.heartbeat(this.#live.ids());
  }

  #every(intervalMs: number, work: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      work().catch((err: unknown) =>
        this.#o.logger.warn({ err: safeError(err) }, 'call housekeeping failed'),
      );
    }, intervalMs);
    timer.unref();
    this.#timers.push(timer);
  }
}

/** The caller's number as routing rules match it (E.164). */
function routingNumberOf(source: CallSource, callerId: string | null): string | null {
  return source === 'whatsapp' ? numberOfWhatsAppId(callerId) : callerId;
}

function asEndReason(reason: string): CallEndReason {
  return (callEndReasons as readonly string[]).includes(reason)
    ? (reason as CallEndReason)
    : 'ended_by_staff';
}
