import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { EventBus } from '../../bus/event-bus.js';
import { loadCallTranscript } from '../../calls/call-transcript.js';
import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';
import { AppError, notFound } from '../../http/errors.js';
import type { AnswerInbox } from './answer-inbox.js';
import type { CallOffer, CallOffers, OfferOutcome } from './call-offer.js';
import { escalationSettingsOf } from './escalation-settings.js';
import { OfferRun } from './offer-run.js';
import { listPeople, type Person } from './people.js';
import type { PresenceRegistry } from './presence-registry.js';
import type { CallRinging } from './ring-events.js';
import { MIN_TURN_MS, planRingTurns } from './ring-plan.js';
import type { RingRegistry } from './ring-registry.js';

export type CallOffersServiceOptions = {
  db: Database;
  bus: EventBus;
  presence: PresenceRegistry;
  rings: RingRegistry;
  logger: Logger;
  /** Shortest ring per person under least_busy; tests shorten it. */
  minTurnMs?: number;
};

/** Who answers: the signed-in person of the company. */
export type Answerer = { companyId: string; userId: string; userName: string };

export const takeOverPath = (callId: string) => `/calls/${callId}/take-over`;

const notRinging = () => notFound('Ringing call');
const alreadyTaken = () => new AppError(409, 'already_taken', 'Someone else took this call');

/**
 * Rings people for calls waiting for one (offer, on the call's node) and takes
 * their answers (accept, decline, on whichever node their request reached).
 * Only the people a call rings for right now may answer it; accept and
 * decline reach the waiting offer through the bus.
 */
export class CallOffersService implements CallOffers {
  /** Resolves once answers published from any node reach this one. */
  readonly ready: Promise<void>;
  readonly presence: PresenceRegistry;
  readonly #o: CallOffersServiceOptions;
  readonly #inboxes = new Map<string, AnswerInbox>();
  #unsubscribe: () => void = () => {};
  #closed = false;

  constructor(options: CallOffersServiceOptions) {
    this.#o = options;
    this.presence = options.presence;
    this.ready = options.bus
      .subscribe('call.offer.answer', (answer) => this.#inboxes.get(answer.offerId)?.push(answer))
      .then((unsubscribe) => {
        if (this.#closed) unsubscribe();
        else this.#unsubscribe = unsubscribe;
      });
  }

  async availableCount(companyId: string): Promise<number> {
    return (await this.availablePeople(companyId)).length;
  }

  /** Members set available with a live dashboard tab. */
  async availablePeople(companyId: string): Promise<Person[]> {
    const [people, connected] = await Promise.all([
      listPeople(this.#o.db, { companyId }),
      this.#o.presence.connectedUserIds(companyId),
    ]);
    return people.filter((p) => p.presence === 'available' && connected.has(p.userId));
  }

  /** Calls ringing for this person now, as a tab that opens meanwhile shows them (time left). */
  async ringingFor(companyId: string, userId: string): Promise<CallRinging[]> {
    const rings = await this.#o.rings.list(companyId);
    return rings.flatMap(({ status, ringingUserIds, ringing }) => {
      if (status !== 'ringing' || !ringing || !ringingUserIds.includes(userId)) return [];
      const endsAt = Date.parse(ringing.startedAt) + ringing.ringTimeoutSec * 1000;
      const leftSec = Math.round((endsAt - Date.now()) / 1000);
      return leftSec > 0 ? [{ ...ringing, ringTimeoutSec: leftSec }] : [];
    });
  }

  async offer(offer: CallOffer, signal: AbortSignal): Promise<OfferOutcome> {
    await this.ready;
    if (signal.aborted) return { kind: 'unanswered' };
    const { db } = this.#o;
    const prepared = await this.#prepare(offer).catch((err: unknown) => {
      this.#o.logger.error({ err }, 'could not ring anyone; nobody takes the call');
      return null;
    });
    if (!prepared) return { kind: 'unanswered' };
    const [people, settings, transcript] = prepared;
    const turns = planRingTurns(people, settings, this.#o.minTurnMs ?? MIN_TURN_MS);
    if (turns.length === 0) return { kind: 'unanswered' };
    const run = new OfferRun(
      {
        db,
        bus: this.#o.bus,
        rings: this.#o.rings,
        logger: this.#o.logger,
        stillAvailable: async (userIds) => {
          const now = new Set((await this.availablePeople(offer.companyId)).map((p) => p.userId));
          return userIds.filter((id) => now.has(id));
        },
        listen: (offerId, inbox) => {
          this.#inboxes.set(offerId, inbox);
          return () => this.#inboxes.delete(offerId);
        },
      },
      offer,
      turns,
      transcript.map(({ speaker, text }) => ({ speaker, text })),
      signal,
    );
    return run.run();
  }

  /** Who could take it, how the company rings, and what was said so far. */
  #prepare(offer: CallOffer) {
    return Promise.all([
      this.availablePeople(offer.companyId),
      escalationSettingsOf(this.#o.db, offer.companyId),
      loadCallTranscript(this.#o.db, { companyId: offer.companyId, callId: offer.callId }),
    ]);
  }

  /**
   * The person takes the call if it rings for them and nobody (or no timeout)
   * claimed it first; the call records them as its human agent.
   */
  async accept(who: Answerer, callId: string): Promise<{ callId: string; takeOverPath: string }> {
    const ring = await this.#o.rings.get(callId);
    if (!ring || ring.companyId !== who.companyId || !ring.offeredUserIds.includes(who.userId)) {
      throw notRinging();
    }
    if (ring.status === 'taken' && ring.takenBy !== undefined) {
      const claim = await this.#o.rings.claim(ring.offerId, who.userId);
      if (claim.claimant === who.userId) return { callId, takeOverPath: takeOverPath(callId) };
      throw alreadyTaken();
    }
    if (ring.status !== 'ringing' || !ring.ringingUserIds.includes(who.userId)) throw notRinging();
    const claim = await this.#o.rings.claim(ring.offerId, who.userId);
    // The same person accepting from a second tab keeps the call.
    if (!claim.won && claim.claimant !== who.userId) {
      if (claim.claimant.startsWith('!')) throw notRinging();
      throw alreadyTaken();
    }
    if (claim.won) {
      await this.#o.db
        .update(calls)
        .set({ humanAgentId: who.userId, updatedAt: new Date() })
        .where(and(eq(calls.id, callId), eq(calls.companyId, who.companyId)));
      this.#o.bus.publish('call.offer.answer', {
        callId,
        offerId: ring.offerId,
        userId: who.userId,
        userName: who.userName,
        answer: 'accepted',
      });
      this.#o.bus.publish('call.updated', { companyId: who.companyId, callId });
    }
    return { callId, takeOverPath: takeOverPath(callId) };
  }

  /** The person will not take it; a call that rang for them before is declined quietly. */
  async decline(who: Answerer, callId: string): Promise<void> {
    const ring = await this.#o.rings.get(callId);
    if (!ring || ring.companyId !== who.companyId || !ring.offeredUserIds.includes(who.userId)) {
      throw notRinging();
    }
    if (ring.status !== 'ringing' || !ring.ringingUserIds.includes(who.userId)) return;
    this.#o.bus.publish('call.offer.answer', {
      callId,
      offerId: ring.offerId,
      userId: who.userId,
      userName: who.userName,
      answer: 'declined',
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    await Promise.all([this.#o.presence.close(), this.#o.rings.close()]);
  }
}
