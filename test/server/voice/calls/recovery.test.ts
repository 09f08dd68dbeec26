import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { MemoryBus } from '../../../../src/server/bus/memory-bus.js';
import { loadConfig } from '../../../../src/server/config.js';
import { ConversationService } from '../../../../src/server/conversations/conversation-service.js';
import { EscalationService } from '../../../../src/server/conversations/escalation-service.js';
import { SecretBox } from '../../../../src/server/crypto/secret-box.js';
import type { DatabaseHandle } from '../../../../src/server/db/client.js';
import {
  calls,
  callTranscripts,
  chatbots,
  conversations,
  messages,
} from '../../../../src/server/db/schema/index.js';
import {
  closeStaleCalls,
  recoverAbandonedCalls,
} from '../../../../src/server/voice/calls/recovery.js';
import { mergeChatbotSettings } from '../../../../src/shared/chatbot-settings.js';
import { createCompany } from '../../../helpers/fixtures.js';
import { createTestDatabase } from '../../../helpers/test-database.js';

let database: DatabaseHandle;
let companyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  companyId = (await createCompany(database.db, { callEnabled: true })).id;
});
afterAll(() => database?.close());

const minutesAgo = (minutes: number) => sql`now() - make_interval(mins => ${minutes})`;

async function insertCall(values: Partial<typeof calls.$inferInsert> & { ageMin?: number }) {
  const { ageMin = 0, ...rest } = values;
  const [row] = await database.db
    .insert(calls)
    .values({
      companyId,
      source: 'web',
      status: 'in_progress',
      startedAt: sql`now() - make_interval(mins => ${ageMin + 2})` as unknown as Date,
      updatedAt: minutesAgo(ageMin) as unknown as Date,
      ...rest,
    })
    .returning();
  if (!row) throw new Error('call insert failed');
  return row;
}

async function reload(id: string) {
  const [row] = await database.db.select().from(calls).where(eq(calls.id, id));
  return row;
}

describe('recoverAbandonedCalls', () => {
  it("closes this node's open calls and those of nodes that stopped, and leaves live nodes' calls", async () => {
    const mine = await insertCall({ nodeId: 'node-a' });
    const minePending = await insertCall({ nodeId: 'node-a', status: 'pending' });
    const otherLive = await insertCall({ nodeId: 'node-b' });
    const otherDead = await insertCall({ nodeId: 'node-c', ageMin: 5 });
    const finished = await insertCall({
      nodeId: 'node-a',
      status: 'completed',
      endReason: 'caller_hangup',
      durationMs: 42_000,
    });

    const closed = await recoverAbandonedCalls(database.db, 'node-a');
    expect(closed.map((c) => c.callId).sort()).toEqual(
      [mine.id, minePending.id, otherDead.id].sort(),
    );

    for (const id of [mine.id, minePending.id, otherDead.id]) {
      const row = await reload(id);
      expect(row).toMatchObject({ status: 'failed', endReason: 'server_restart' });
      expect(row?.endedAt).toBeInstanceOf(Date);
    }
    // Its duration runs to the last heartbeat: started 7 min ago, last seen 5 min ago.
    const dead = await reload(otherDead.id);
    expect(dead?.durationMs).toBeGreaterThanOrEqual(119_000);
    expect(dead?.durationMs).toBeLessThanOrEqual(121_000);
    expect(dead?.endedAt?.getTime()).toBe(otherDead.updatedAt.getTime());
    expect(await reload(otherLive.id)).toMatchObject({ status: 'in_progress', endReason: null });
    expect(await reload(finished.id)).toMatchObject({
      status: 'completed',
      endReason: 'caller_hangup',
      durationMs: 42_000,
    });
  });

  it('ends a call at its last saved utterance when that came after its last heartbeat', async () => {
    const call = await insertCall({ nodeId: 'node-e', ageMin: 5 });
    const [line] = await database.db
      .insert(callTranscripts)
      .values({
        companyId,
        callId: call.id,
        seq: 1,
        speaker: 'caller',
        text: 'Are you open on Saturday?',
        startMs: 0,
        endMs: 1500,
        createdAt: minutesAgo(4) as unknown as Date,
      })
      .returning();
    await recoverAbandonedCalls(database.db, 'node-e');
    const row = await reload(call.id);
    expect(row?.endedAt?.getTime()).toBe(line?.createdAt.getTime());
    // Started 7 min ago, last heard 4 min ago.
    expect(row?.durationMs).toBeGreaterThanOrEqual(179_000);
    expect(row?.durationMs).toBeLessThanOrEqual(181_000);
  });

  it('closes only calls without a heartbeat while running', async () => {
    const live = await insertCall({ nodeId: 'node-d' });
    const stale = await insertCall({ nodeId: 'node-d', ageMin: 2 });
    expect(await closeStaleCalls(database.db)).toEqual([
      { callId: stale.id, companyId, chatbotId: null, conversationId: null },
    ]);
    expect(await reload(live.id)).toMatchObject({ status: 'in_progress' });
    expect(await reload(stale.id)).toMatchObject({ status: 'failed', endReason: 'server_restart' });
  });

  it('runs when the app starts', async () => {
    const nodeId = `node-${randomBytes(3).toString('hex')}`;
    const [bot] = await database.db
      .insert(chatbots)
      .values({
        companyId,
        publicId: `cb_${nodeId}`,
        name: 'Front desk',
        chatbotType: 'call',
        settings: mergeChatbotSettings({}, {}),
      })
      .returning();
    // The caller had asked for a person, and nobody had joined, when the node stopped.
    const bus = new MemoryBus(pino({ level: 'silent' }));
    const inbox = new ConversationService({ db: database.db, bus });
    const waiting = await inbox.create({
      companyId,
      chatbotId: bot?.id ?? '',
      channel: 'voice_call',
      metadata: {},
    });
    await new EscalationService(inbox).escalateConversation({
      companyId,
      conversationId: waiting.id,
      reason: 'The caller asked for a person',
    });
    const abandoned = await insertCall({ nodeId, chatbotId: bot?.id, conversationId: waiting.id });
    await database.db.insert(callTranscripts).values({
      companyId,
      callId: abandoned.id,
      seq: 1,
      speaker: 'caller',
      text: 'I need to cancel my appointment on Friday.',
      startMs: 0,
      endMs: 2000,
    });
    const logger = pino({ level: 'silent' });
    const app = await buildApp({
      config: loadConfig({ BUZZI_DATA_DIR: '/tmp/buzzi-test-unused', NODE_ID: nodeId }),
      database,
      bus: new MemoryBus(logger),
      secretBox: new SecretBox(randomBytes(32)),
      logger,
    });
    expect(await reload(abandoned.id)).toMatchObject({
      status: 'failed',
      endReason: 'server_restart',
    });
    const [conversation] = await database.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, waiting.id));
    expect(conversation?.status).toBe('closed');
    const notes = await database.db
      .select({ content: messages.content })
      .from(messages)
      .where(eq(messages.conversationId, waiting.id));
    expect(notes.map((n) => n.content)).toEqual([
      'Missed escalation: the caller hung up before anyone could join and left no message.',
    ]);
    // The post-call analysis runs from the saved transcript; closing the app waits for it.
    await app.close();
    const row = await reload(abandoned.id);
    expect(row?.summary).toEqual(expect.stringContaining('cancel'));
    expect(row?.intent).toEqual(expect.any(String));
  });
});
