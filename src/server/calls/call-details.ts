import { and, asc, desc, eq, lt, ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import {
  aiModels,
  type CallUsage,
  callCallbacks,
  calls,
  tickets,
  users,
} from '../db/schema/index.js';
import { notFound } from '../http/errors.js';
import type { RecordingLinks } from '../recordings/recording-links.js';
import { type CostEstimate, estimateCallCost } from './call-cost.js';
import { type CallListItem, loadCallListItem } from './call-list-item.js';
import { type CallTranscriptLine, loadCallTranscript } from './call-transcript.js';

const CALLER_HISTORY_MAX = 10;

export type CallDetails = CallListItem & {
  transcript: CallTranscriptLine[];
  usage: CallUsage;
  costEstimate: CostEstimate | null;
  notes: string | null;
  conversationId: string | null;
  tickets: Array<{ id: string; message: string; status: 'open' | 'closed'; createdAt: Date }>;
  callbacks: Array<{
    id: string;
    dueAt: Date;
    status: string;
    note: string | null;
    assignedTo: { id: string; name: string } | null;
  }>;
  callerHistory: Array<{
    id: string;
    startedAt: Date;
    status: string;
    summary: string | null;
    durationMs: number | null;
  }>;
  /** A link to the call's recording that works for a few minutes; null when there is none. */
  recordingUrl: string | null;
};

/** One call of the company with everything its details view shows; another company's is not found. */
export async function getCallDetails(
  db: Database,
  tenant: { companyId: string },
  callId: string,
  recordingLinks?: RecordingLinks,
): Promise<CallDetails> {
  const item = await loadCallListItem(db, tenant, callId);
  if (!item) throw notFound('Call');
  const { companyId } = tenant;
  const [extra] = await db
    .select({
      usage: calls.usage,
      notes: calls.notes,
      conversationId: calls.conversationId,
      provider: aiModels.provider,
      modelId: aiModels.modelId,
    })
    .from(calls)
    .leftJoin(aiModels, eq(aiModels.id, calls.modelId))
    .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
  if (!extra) throw notFound('Call');

  const [transcript, callTickets, callbacks, callerHistory] = await Promise.all([
    loadCallTranscript(db, { companyId, callId }),
    db
      .select({
        id: tickets.id,
        message: tickets.message,
        status: tickets.status,
        createdAt: tickets.createdAt,
      })
      .from(tickets)
      .where(and(eq(tickets.companyId, companyId), eq(tickets.callId, callId)))
      .orderBy(asc(tickets.createdAt)),
    db
      .select({
        id: callCallbacks.id,
        dueAt: callCallbacks.dueAt,
        status: callCallbacks.status,
        note: callCallbacks.note,
        assigneeId: users.id,
        assigneeName: users.name,
      })
      .from(callCallbacks)
      .leftJoin(users, eq(users.id, callCallbacks.assignedTo))
      .where(and(eq(callCallbacks.companyId, companyId), eq(callCallbacks.callId, callId)))
      .orderBy(asc(callCallbacks.dueAt)),
    item.callerId
      ? db
          .select({
            id: calls.id,
            startedAt: calls.startedAt,
            status: calls.status,
            summary: calls.summary,
            durationMs: calls.durationMs,
          })
          .from(calls)
          .where(
            and(
              eq(calls.companyId, companyId),
              eq(calls.callerId, item.callerId),
              ne(calls.id, callId),
              lt(calls.startedAt, item.startedAt),
            ),
          )
          .orderBy(desc(calls.startedAt))
          .limit(CALLER_HISTORY_MAX)
      : [],
  ]);

  const model =
    extra.provider && extra.modelId ? { provider: extra.provider, modelId: extra.modelId } : null;
  return {
    ...item,
    transcript,
    usage: extra.usage,
    costEstimate: estimateCallCost(model, extra.usage),
    notes: extra.notes,
    conversationId: extra.conversationId,
    tickets: callTickets,
    callbacks: callbacks.map(({ assigneeId, assigneeName, ...callback }) => ({
      ...callback,
      assignedTo: assigneeId ? { id: assigneeId, name: assigneeName ?? '' } : null,
    })),
    callerHistory,
    recordingUrl: item.hasRecording && recordingLinks ? recordingLinks.urlFor(callId) : null,
  };
}
