import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { numberOfWhatsAppId } from '../../../../shared/phone-number.js';
import type { AppDeps } from '../../../app-deps.js';
import { AppError } from '../../../http/errors.js';
import { type CallRoute, routeCall } from '../../../routing/call-route.js';
import type { LiveCall } from '../../calls/session-manager.js';
import { SESSION_TTL_MS } from '../../calls/session-tokens.js';
import { safeError } from '../../runner/log-safe.js';
import { chatbotPublicId, recordWhatsAppCaller } from './call-row.js';
import { type CallAction, sendCallAction } from './graph-calls.js';
import type { CallNotification } from './webhook-payload.js';
import type { WhatsAppAccount } from './whatsapp-account.js';
import { WhatsAppLeg } from './whatsapp-leg.js';

export type WhatsAppCallDeps = Pick<AppDeps, 'calls' | 'config' | 'db'> & { logger: Logger };

/** After `accept`, media must connect this soon or the call is given up. */
const CONNECT_TIMEOUT_MS = 20_000;
/** Call ids remembered after their call ended, so a late duplicate `connect` starts nothing. */
const REMEMBERED_CALL_IDS = 2000;
/**
 * A `connect` older than this is a replay (or a retry long after the caller
 * gave up): its offer is stale, and it starts nothing, also after a restart
 * has forgotten the call ids seen.
 */
const MAX_CONNECT_AGE_MS = 120_000;

const isStale = (timestamp: string | undefined, now: number) => {
  const seconds = Number(timestamp);
  return (
    timestamp !== undefined && Number.isFinite(seconds) && now - seconds * 1000 > MAX_CONNECT_AGE_MS
  );
};

type ActiveCall = { leg: WhatsAppLeg | null; terminatedByCaller: boolean };

/**
 * The WhatsApp calls of this node, driven by Meta's `calls` webhook: a
 * `connect` with an SDP offer becomes a call on the chatbot's runner (or a
 * `reject` when it cannot be taken), `terminate` ends it, and a call that
 * ends on our side is terminated at Meta. A call id is answered once.
 */
export class WhatsAppCalls {
  readonly #deps: WhatsAppCallDeps;
  readonly #active = new Map<string, ActiveCall>();
  readonly #ended = new Set<string>();

  constructor(deps: WhatsAppCallDeps) {
    this.#deps = deps;
  }

  /** Acts on one verified call event; never throws (the webhook was answered already). */
  async handle(notification: CallNotification, account: WhatsAppAccount): Promise<void> {
    const { call } = notification;
    if (call.event === 'terminate') {
      const active = this.#active.get(call.id);
      if (!active) return;
      active.terminatedByCaller = true;
      active.leg?.callerHungUp();
      return;
    }
    if (call.event !== 'connect') return;
    if (this.#active.has(call.id) || this.#ended.has(call.id)) {
      this.#deps.logger.info(
        { integrationAccountId: account.id },
        'duplicate whatsapp connect ignored',
      );
      return;
    }
    if (isStale(call.timestamp, Date.now())) {
      this.#deps.logger.warn(
        { integrationAccountId: account.id },
        'stale whatsapp connect ignored',
      );
      return;
    }
    const active: ActiveCall = { leg: null, terminatedByCaller: false };
    this.#active.set(call.id, active);
    try {
      await this.#connect(notification, account, active);
    } catch (err) {
      this.#deps.logger.error({ err: safeError(err) }, 'whatsapp call failed');
    } finally {
      this.#active.delete(call.id);
      this.#remember(call.id);
    }
  }

  /** Calls still on this node (their legs), for shutdown and tests. */
  get activeCount(): number {
    return this.#active.size;
  }

  async #connect(
    notification: CallNotification,
    account: WhatsAppAccount,
    active: ActiveCall,
  ): Promise<void> {
    const deps = this.#deps;
    const { call, callerName } = notification;
    const log = deps.logger.child({ integrationAccountId: account.id });
    const act = (action: CallAction) => sendCallAction(deps.config, account, call.id, action);
    const reject = async (why: string) => {
      log.info({ why }, 'whatsapp call rejected');
      await act({ action: 'reject' }).catch((err: unknown) =>
        log.warn({ err: safeError(err) }, 'whatsapp reject not delivered'),
      );
    };

    // A business-initiated call's `connect` carries an answer; Buzzi places none yet.
    if (call.session?.sdp_type !== 'offer') return;
    if (account.status !== 'active' || !account.chatbotId) return reject('integration_not_ready');
    const route = await whatsappRoute(deps, account, call.from);
    // WhatsApp has no number to hand a call to, and nothing speaks before the agent.
    if (route?.action.type === 'transfer' || route?.action.type === 'play_and_hangup') {
      return reject('routing_rule');
    }
    const chatbotId = route?.action.type === 'answer' ? route.action.chatbotId : account.chatbotId;
    const scope = { companyId: account.companyId, chatbotId };
    const publicId = await chatbotPublicId(deps.db, scope);
    if (!publicId) return reject('chatbot_missing');

    // The caller may have hung up while the rules and chatbot were looked up.
    if (active.terminatedByCaller) return;
    const leg = new WhatsAppLeg({ media: deps.config.whatsappMedia, logger: log });
    active.leg = leg;
    let live: LiveCall;
    try {
      const now = Date.now();
      // The signed webhook is the permission: the session is issued and redeemed at once.
      live = await deps.calls.startCall({
        session: {
          id: randomUUID(),
          ...scope,
          chatbotPublicId: publicId,
          ip: 'whatsapp',
          createdAt: now,
          expiresAt: now + SESSION_TTL_MS,
          ...(route ? { route } : {}),
        },
        leg,
        source: 'whatsapp',
        callerId: call.from?.slice(0, 64) ?? null,
      });
    } catch (err) {
      leg.close('rejected');
      if (!(err instanceof AppError))
        log.error({ err: safeError(err) }, 'whatsapp call not started');
      return reject(err instanceof AppError ? err.code : 'internal_error');
    }
    const callScope = { companyId: account.companyId, callId: live.callId };
    const callLog = log.child({ callId: live.callId });
    await recordWhatsAppCaller(deps.db, callScope, {
      integrationAccountId: account.id,
      callerName,
    }).catch((err: unknown) =>
      callLog.warn({ err: safeError(err) }, 'whatsapp caller not recorded'),
    );

    try {
      const sdp = await leg.answer(call.session.sdp);
      await act({ action: 'pre_accept', sdp });
      await act({ action: 'accept', sdp });
      await withTimeout(leg.connected(), CONNECT_TIMEOUT_MS);
    } catch (err) {
      callLog.warn({ err: safeError(err) }, 'whatsapp call media did not connect');
      await deps.calls.endCall(live.callId, 'transport_error').catch(() => false);
    }
    // The caller may have hung up while the call was being set up.
    const leftEarly = leg.hangupReason;
    if (leftEarly) await deps.calls.endCall(live.callId, leftEarly).catch(() => false);
    await live.finished.catch(() => {});
    if (active.terminatedByCaller) return;
    await act({ action: 'terminate' }).catch((err: unknown) =>
      callLog.warn({ err: safeError(err) }, 'whatsapp terminate not delivered'),
    );
  }

  #remember(callId: string): void {
    this.#ended.add(callId);
    if (this.#ended.size <= REMEMBERED_CALL_IDS) return;
    const oldest = this.#ended.values().next().value;
    if (oldest !== undefined) this.#ended.delete(oldest);
  }
}

/** The company's routing rule for this WhatsApp call, if one matches; none when rules cannot be read. */
async function whatsappRoute(
  deps: WhatsAppCallDeps,
  account: WhatsAppAccount,
  from: string | undefined,
): Promise<CallRoute | null> {
  try {
    const { route } = await routeCall(deps.db, account.companyId, {
      source: 'whatsapp',
      callerNumber: numberOfWhatsAppId(from),
      chatbotId: account.chatbotId,
      integrationAccountId: account.id,
      keypress: null,
      canAskKeypress: false,
    });
    return route;
  } catch (err) {
    deps.logger.error({ err: safeError(err) }, 'whatsapp call routing failed');
    return null;
  }
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
