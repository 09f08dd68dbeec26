import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { CallDirection, CallSource } from '../../../shared/domain.js';
import type { Database } from '../../db/client.js';
import { calls, callTranscripts } from '../../db/schema/index.js';
import { AppError, isUniqueViolation } from '../../http/errors.js';
import type { CallOutcome, CallRecorder } from '../runner/call-types.js';
import type { CallAnalysis, TranscriptLine } from '../runner/offline-analysis.js';
import type { Utterance } from '../runner/transcript.js';
import { STALE_AFTER_MS } from './recovery.js';

export type CallScope = { companyId: string; callId: string };

export type NewCall = {
  companyId: string;
  chatbotId: string;
  modelId: string | null;
  source: CallSource;
  nodeId: string;
  callerId?: string | null;
  integrationAccountId?: string | null;
};

/**
 * A phone call the network offers, or one the company places: its row waits
 * `pending` until its audio connects. An outbound call's Call SID is known
 * once Twilio has taken the call.
 */
export type NewPhoneCall = Omit<NewCall, 'modelId' | 'source'> & {
  source: 'twilio';
  callerName: string | null;
  twilioCallSid: string | null;
  integrationAccountId: string;
  direction?: CallDirection;
  outboundReason?: string | null;
};

/** A phone call whose audio has just connected: which way it went, and why we called. */
export type AnsweredPhoneCall = {
  id: string;
  direction: CallDirection;
  outboundReason: string | null;
  callerId: string | null;
};

export const callAlreadyOffered = () =>
  new AppError(409, 'call_exists', 'This phone call is already being answered.');

export const callLimitReached = (limit: number) =>
  new AppError(
    409,
    'call_limit_reached',
    `All ${limit} call line${limit === 1 ? ' is' : 's are'} busy for this company. Please try again in a few minutes.`,
  );

/** The `calls` and `call_transcripts` rows of live and finished calls; every query names the tenant. */
export class CallStore {
  constructor(private readonly db: Database) {}

  /** Open calls of a company (phone calls still connecting included) that a live node still vouches for. */
  async countLive(companyId: string): Promise<number> {
    return countLive(this.db, companyId);
  }

  /**
   * Inserts the row of a call that has just connected, unless the company
   * already has `limit` live calls.
   */
  async create(call: NewCall, limit: number): Promise<{ id: string }> {
    const now = new Date();
    return this.#insertWithinLimit(
      { ...call, status: 'in_progress', startedAt: now, answeredAt: now },
      limit,
    );
  }

  /**
   * Holds a line for a phone call the network offers: a `pending` row that
   * counts against `limit` until its audio connects (answerPhoneCall) or the
   * network reports it gone. A second offer of the same Call SID is refused.
   */
  async reservePhoneCall(call: NewPhoneCall, limit: number): Promise<{ id: string }> {
    try {
      return await this.#insertWithinLimit(
        { ...call, modelId: null, status: 'pending', startedAt: new Date(), answeredAt: null },
        limit,
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw callAlreadyOffered();
      throw err;
    }
  }

  /** The reserved phone call's audio connected: it is live now. Null when it is no longer pending. */
  async answerPhoneCall(
    scope: CallScope,
    answer: { modelId: string | null; nodeId: string },
  ): Promise<AnsweredPhoneCall | null> {
    const now = new Date();
    const [row] = await this.db
      .update(calls)
      .set({ ...answer, status: 'in_progress', answeredAt: now, updatedAt: now })
      .where(and(this.#is(scope), eq(calls.status, 'pending')))
      .returning({
        id: calls.id,
        direction: calls.direction,
        outboundReason: calls.outboundReason,
        callerId: calls.callerId,
      });
    return row ?? null;
  }

  /** Stores utterances as they finalize and the outcome once the call ends. */
  recorder(scope: CallScope): CallRecorder {
    return {
      append: (utterance) => this.appendUtterance(scope, utterance),
      finish: (outcome) => this.finish(scope, outcome),
    };
  }

  async appendUtterance(scope: CallScope, utterance: Utterance): Promise<void> {
    await this.db.insert(callTranscripts).values({
      companyId: scope.companyId,
      callId: scope.callId,
      seq: utterance.seq,
      speaker: utterance.speaker,
      speakerName: utterance.speakerName ?? null,
      text: utterance.text,
      startMs: utterance.startMs,
      endMs: utterance.endMs,
      interrupted: utterance.interrupted,
    });
  }

  async finish(scope: CallScope, outcome: CallOutcome): Promise<void> {
    await this.db
      .update(calls)
      .set({
        status: outcome.status,
        endReason: outcome.endReason,
        endedAt: outcome.endedAt,
        durationMs: outcome.durationMs,
        usage: outcome.usage,
        ...(outcome.transferredTo ? { transferredTo: outcome.transferredTo } : {}),
        ...(outcome.recording
          ? {
              recordingPath: outcome.recording.key,
              recordingDurationMs: outcome.recording.durationMs,
            }
          : {}),
        updatedAt: new Date(),
      })
      .where(this.#is(scope));
  }

  /** Whether some node still runs this call (its row is open and has a fresh heartbeat). */
  async isLive(callId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: calls.id })
      .from(calls)
      .where(and(eq(calls.id, callId), eq(calls.status, 'in_progress'), fresh()));
    return row !== undefined;
  }

  /** Tells other nodes this node's own live calls are still running (see recovery.ts). */
  async heartbeat(callIds: string[]): Promise<void> {
    if (callIds.length === 0) return;
    await this.db
      .update(calls)
      .set({ updatedAt: sql`now()` })
      .where(and(inArray(calls.id, callIds), eq(calls.status, 'in_progress')));
  }

  async transcript(scope: CallScope): Promise<TranscriptLine[]> {
    return this.db
      .select({ speaker: callTranscripts.speaker, text: callTranscripts.text })
      .from(callTranscripts)
      .where(
        and(
          eq(callTranscripts.companyId, scope.companyId),
          eq(callTranscripts.callId, scope.callId),
        ),
      )
      .orderBy(asc(callTranscripts.seq));
  }

  async saveAnalysis(scope: CallScope, analysis: CallAnalysis): Promise<void> {
    await this.db
      .update(calls)
      .set({
        summary: analysis.summary,
        intent: analysis.intent,
        // A routing rule may have marked the call urgent at its start; the analysis never unmarks it.
        isUrgent: sql`${calls.isUrgent} or ${analysis.isUrgent}`,
        answered: analysis.answered,
        resolved: analysis.resolved,
        sentiment: analysis.sentiment,
        updatedAt: new Date(),
      })
      .where(this.#is(scope));
  }

  /**
   * A per-company advisory lock makes the count and the insert one step,
   * also across nodes.
   */
  async #insertWithinLimit(
    values: typeof calls.$inferInsert & { companyId: string },
    limit: number,
  ): Promise<{ id: string }> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`calls:${values.companyId}`}))`);
      if ((await countLive(tx as unknown as Database, values.companyId)) >= limit) {
        throw callLimitReached(limit);
      }
      const [row] = await tx.insert(calls).values(values).returning({ id: calls.id });
      if (!row) throw new Error('Call insert returned nothing');
      return row;
    });
  }

  #is(scope: CallScope) {
    return and(eq(calls.companyId, scope.companyId), eq(calls.id, scope.callId));
  }
}

const fresh = () =>
  gte(calls.updatedAt, sql`now() - make_interval(secs => ${STALE_AFTER_MS / 1000})`);

async function countLive(db: Database, companyId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(calls)
    .where(
      and(
        eq(calls.companyId, companyId),
        inArray(calls.status, ['pending', 'in_progress']),
        fresh(),
      ),
    );
  return row?.count ?? 0;
}
