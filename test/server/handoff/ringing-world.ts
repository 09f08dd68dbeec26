import { eq } from 'drizzle-orm';
import type { Database } from '../../../src/server/db/client.js';
import { calls, callTranscripts, users } from '../../../src/server/db/schema/index.js';
import type { CallOffer } from '../../../src/server/voice/handoff/call-offer.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { SseClient } from '../../helpers/sse.js';

/** A live call row of the company, with what was said so far, as the call runner would leave it. */
export async function insertLiveCall(
  db: Database,
  companyId: string,
  options: { callerId?: string | null; humanAgentId?: string; lines?: string[] } = {},
): Promise<string> {
  const [call] = await db
    .insert(calls)
    .values({
      companyId,
      source: options.callerId ? 'twilio' : 'web',
      status: 'in_progress',
      callerId: options.callerId ?? null,
      humanAgentId: options.humanAgentId ?? null,
    })
    .returning({ id: calls.id });
  if (!call) throw new Error('call insert failed');
  const lines = options.lines ?? [];
  if (lines.length > 0) {
    await db.insert(callTranscripts).values(
      lines.map((text, index) => ({
        companyId,
        callId: call.id,
        seq: index + 1,
        speaker: index % 2 === 0 ? ('agent' as const) : ('caller' as const),
        text,
        startMs: index * 1000,
        endMs: index * 1000 + 900,
      })),
    );
  }
  return call.id;
}

export function offerFor(
  companyId: string,
  callId: string,
  callerNumber: string | null = null,
): CallOffer {
  return {
    callId,
    companyId,
    chatbotId: '00000000-0000-4000-8000-000000000000',
    chatbotName: 'Front desk',
    source: callerNumber ? 'twilio' : 'web',
    callerNumber,
    reason: 'The caller asked for a person',
  };
}

/** A dashboard tab's agent event stream. */
export const openAgentStream = (baseUrl: string, client: ApiClient) =>
  SseClient.open(new URL('/api/company/agent-events', baseUrl).toString(), {
    cookie: client.cookieHeader,
  });

export async function humanAgentOf(db: Database, callId: string): Promise<string | null> {
  const [row] = await db
    .select({ humanAgentId: calls.humanAgentId })
    .from(calls)
    .where(eq(calls.id, callId));
  return row?.humanAgentId ?? null;
}

export async function nameOf(db: Database, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? '';
}

export type Ringing = {
  callId: string;
  chatbotName: string;
  callerLabel: string;
  source: string;
  reason: string;
  transcript: Array<{ speaker: string; text: string }>;
  ringTimeoutSec: number;
  startedAt: string;
};

export type Cancelled = { callId: string; reason: string; takenBy?: string };
