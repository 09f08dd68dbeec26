import type { CallSource } from '../../../shared/domain.js';

/** A live call waiting for a person, as the people who could take it see it ring. */
export type CallOffer = {
  callId: string;
  companyId: string;
  chatbotId: string;
  chatbotName: string;
  source: CallSource;
  /** The caller's number, or null on a web call (shown as "Web caller"). */
  callerNumber: string | null;
  reason: string;
};

/** How ringing ended: a person took the call, or nobody did in time. */
export type OfferOutcome =
  | { kind: 'accepted'; userId: string; userName: string }
  | { kind: 'unanswered' };

/**
 * Rings the company's available people for a call (everyone at once or the
 * least busy first, as the company chose), until one accepts, all decline,
 * the ring timeout passes or the signal aborts (the caller hung up).
 * Exactly one person wins when several accept at once, across nodes.
 */
export interface CallOffers {
  /** How many people could take a call now (available and with a live dashboard tab). */
  availableCount(companyId: string): Promise<number>;
  offer(offer: CallOffer, signal: AbortSignal): Promise<OfferOutcome>;
}
