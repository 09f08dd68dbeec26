import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { callTranscripts } from '../db/schema/index.js';

export type CallTranscriptLine = {
  seq: number;
  speaker: 'caller' | 'agent' | 'human_agent';
  /** The person's name on a human_agent line. */
  speakerName: string | null;
  text: string;
  startMs: number;
  endMs: number;
  interrupted: boolean;
};

/** A call's transcript lines in the order they were said; none for another company's call. */
export function loadCallTranscript(
  db: Database,
  scope: { companyId: string; callId: string },
): Promise<CallTranscriptLine[]> {
  return db
    .select({
      seq: callTranscripts.seq,
      speaker: callTranscripts.speaker,
      speakerName: callTranscripts.speakerName,
      text: callTranscripts.text,
      startMs: callTranscripts.startMs,
      endMs: callTranscripts.endMs,
      interrupted: callTranscripts.interrupted,
    })
    .from(callTranscripts)
    .where(
      and(eq(callTranscripts.companyId, scope.companyId), eq(callTranscripts.callId, scope.callId)),
    )
    .orderBy(asc(callTranscripts.seq));
}
