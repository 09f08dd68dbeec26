import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { EventBus } from '../../bus/event-bus.js';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { AnswerInbox } from './answer-inbox.js';
import type { CallOffer, OfferOutcome } from './call-offer.js';
import { callerLabel } from './caller-label.js';
import type { AgentStreamEvent, RingCancelReason } from './ring-events.js';
import type { RingTurn } from './ring-plan.js';
import type { RingRegistry, RingState } from './ring-registry.js';

/** After ringing ends, late accepts still learn who took the call for this long. */
export const ENDED_RING_KEEP_MS = 60_000;

export type OfferRunDeps = {
  db: Database;
  bus: EventBus;
  rings: RingRegistry;
  logger: Logger;
  /** Those of these people still available now (a later turn skips who left meanwhile). */
  stillAvailable(userIds: string[]): Promise<string[]>;
  /** Routes the offer's answers here while it runs; returns the function that stops it. */
  listen(offerId: string, inbox: AnswerInbox): () => void;
};

const UNANSWERED: OfferOutcome = { kind: 'unanswered' };

/**
 * One offer of one call, turn by turn: rings the turn's people, waits for an
 * accept, their declines, the turn's end or the caller hanging up, and tells
 * every tab it rang when ringing stops. Who took the call is decided by the
 * registry's claim, never here alone, so an accept racing the timeout on
 * another node settles the same way everywhere.
 */
export class OfferRun {
  readonly #inbox = new AnswerInbox();
  readonly #ring: RingState;
  #endsAt = 0;

  constructor(
    private readonly deps: OfferRunDeps,
    private readonly offer: CallOffer,
    private readonly turns: RingTurn[],
    private readonly transcript: Array<{ speaker: string; text: string }>,
    private readonly signal: AbortSignal,
  ) {
    this.#ring = {
      callId: offer.callId,
      companyId: offer.companyId,
      offerId: randomUUID(),
      offeredUserIds: [],
      ringingUserIds: [],
      status: 'ringing',
    };
  }

  async run(): Promise<OfferOutcome> {
    const stopListening = this.deps.listen(this.#ring.offerId, this.#inbox);
    this.#endsAt = Date.now() + this.turns.reduce((sum, turn) => sum + turn.durationMs, 0);
    try {
      let lastReason: RingCancelReason = 'timeout';
      for (const turn of this.turns) {
        const result = await this.#ringTurn(turn);
        if (typeof result !== 'string') return result;
        lastReason = result;
      }
      return await this.#end(lastReason);
    } catch (err) {
      // A store or bus failure must not leave the caller holding: the AI takes a message.
      this.deps.logger.error({ err }, 'ringing failed; nobody takes the call');
      try {
        return await this.#end('timeout');
      } catch {
        this.#cancel(this.#ring.ringingUserIds, { reason: 'timeout' });
        return UNANSWERED;
      }
    } finally {
      stopListening();
    }
  }

  /** The outcome when the offer ended in this turn, else why the turn ended without one. */
  async #ringTurn(turn: RingTurn): Promise<OfferOutcome | RingCancelReason> {
    const ring = this.#ring;
    const userIds =
      ring.offeredUserIds.length === 0
        ? turn.userIds
        : await this.deps.stillAvailable(turn.userIds);
    if (userIds.length === 0) return 'timeout';
    ring.ringingUserIds = [...userIds];
    ring.offeredUserIds = [...new Set([...ring.offeredUserIds, ...userIds])];
    ring.ringing = {
      callId: this.offer.callId,
      chatbotName: this.offer.chatbotName,
      callerLabel: callerLabel(this.offer.callerNumber),
      source: this.offer.source,
      reason: this.offer.reason,
      transcript: this.transcript,
      ringTimeoutSec: Math.round(turn.durationMs / 1000),
      startedAt: new Date().toISOString(),
    };
    await this.#save();
    this.#send(userIds, { event: 'call.ringing', data: ring.ringing });
    const deadline = Date.now() + turn.durationMs;
    for (;;) {
      const next = await this.#inbox.next(deadline, this.signal);
      if (next === 'aborted') return this.#end('caller_hung_up');
      if (next === 'timeout') {
        this.#cancel(ring.ringingUserIds, { reason: 'timeout' });
        ring.ringingUserIds = [];
        return 'timeout';
      }
      if (next.answer === 'accepted') return this.#taken(next.userId, next.userName);
      if (!ring.ringingUserIds.includes(next.userId)) continue;
      ring.ringingUserIds = ring.ringingUserIds.filter((id) => id !== next.userId);
      await this.#save();
      this.#cancel([next.userId], { reason: 'declined' });
      if (ring.ringingUserIds.length === 0) return 'declined';
    }
  }

  /** Nobody took the call: unless an accept claimed it a moment ago, which then wins. */
  async #end(reason: RingCancelReason): Promise<OfferOutcome> {
    const claim = await this.deps.rings.claim(this.#ring.offerId, `!${reason}`);
    if (!claim.won && !claim.claimant.startsWith('!')) {
      return this.#taken(claim.claimant, await this.#nameOf(claim.claimant));
    }
    this.#cancel(this.#ring.ringingUserIds, { reason });
    this.#ring.ringingUserIds = [];
    this.#ring.status = 'ended';
    await this.#save();
    return UNANSWERED;
  }

  async #taken(userId: string, userName: string): Promise<OfferOutcome> {
    this.#ring.status = 'taken';
    this.#ring.takenBy = userName;
    this.#ring.ringingUserIds = [];
    await this.#save();
    // The winner's other tabs stop ringing too; the tab that accepted ignores it.
    this.#cancel(this.#ring.offeredUserIds, { reason: 'taken', takenBy: userName });
    return { kind: 'accepted', userId, userName };
  }

  async #save(): Promise<void> {
    const ttlMs = Math.max(0, this.#endsAt - Date.now()) + ENDED_RING_KEEP_MS;
    await this.deps.rings.put(this.#ring, ttlMs);
  }

  #cancel(userIds: string[], cancelled: { reason: RingCancelReason; takenBy?: string }): void {
    this.#send(userIds, {
      event: 'call.ring.cancelled',
      data: { callId: this.offer.callId, ...cancelled },
    });
  }

  #send(userIds: string[], event: AgentStreamEvent): void {
    if (userIds.length === 0) return;
    this.deps.bus.publish('agent.event', { companyId: this.offer.companyId, userIds, event });
  }

  async #nameOf(userId: string): Promise<string> {
    const [user] = await this.deps.db
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, userId));
    return user?.name || user?.email || 'A team member';
  }
}
