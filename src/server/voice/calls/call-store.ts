import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { CallSource } from '../../../shared/domain.js';
import type { Database } from '../../db/client.js';
import { calls, callTranscripts } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
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

export const callLimitReached = (limit: number) =>
  new AppError(
    409,
    'call_limit_reached',
    `All ${limit} call line${limit === 1 ? ' is' : 's are'} busy for this company. Please try again in a few minutes.`,
  );

/** The `calls` and `call_transcripts` rows of live and finished calls; every query names the tenant. */
export class CallStore {
  constructor(private readonly db: Database) {}

  /** Open calls of a company that a live node still vouches for. */
  async countLive(companyId: string): Promise<number> {
    return countLive(this.db, companyId);
  }

  /**
   * Inserts the row of a call that has just connected, unless the company
   * already has `limit` live calls. A per-company advisory lock makes the
   * count and the insert one step, also across nodes.
   */
  async create(call: NewCall, limit: number): Promise<{ id: string; startedAt: Date }> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`calls:${call.companyId}`}))`);
      if ((await countLive(tx as unknown as Database, call.companyId)) >= limit) {
        throw callLimitReached(limit);
      }
      const now = new Date();
      const [row] = await tx
        .insert(calls)
        .values({
          companyId: call.companyId,
          chatbotId: call.chatbotId,
          modelId: call.modelId,
          source: call.source,
          status: 'in_progress',
          nodeId: call.nodeId,
          callerId: call.callerId ?? null,
          integrationAccountId: call.integrationAccountId ?? null,
          startedAt: now,
          answeredAt: now,
        })
        .returning({ id: calls.id, startedAt: calls.startedAt });
      if (!row) throw new Error('Call insert returned nothing');
      return row;
    });
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
        isUrgent: analysis.isUrgent,
        updatedAt: new Date(),
      })
      .where(this.#is(scope));
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
    .where(and(eq(calls.companyId, companyId), eq(calls.status, 'in_progress'), fresh()));
  return row?.count ?? 0;
}
