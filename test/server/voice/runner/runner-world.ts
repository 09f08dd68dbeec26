import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import pino from 'pino';
import type { BusEvents } from '../../../../src/server/bus/event-bus.js';
import { MemoryBus } from '../../../../src/server/bus/memory-bus.js';
import { ConversationService } from '../../../../src/server/conversations/conversation-service.js';
import { EscalationService } from '../../../../src/server/conversations/escalation-service.js';
import { hasVectorColumn } from '../../../../src/server/db/capabilities.js';
import type { DatabaseHandle } from '../../../../src/server/db/client.js';
import { calls, callTranscripts, chatbots } from '../../../../src/server/db/schema/index.js';
import { KnowledgeRetriever } from '../../../../src/server/knowledge/retrieval.js';
import { CallStore } from '../../../../src/server/voice/calls/call-store.js';
import type { ProviderCapabilities } from '../../../../src/server/voice/providers/agent-session.js';
import { CallRunner } from '../../../../src/server/voice/runner/call-runner.js';
import { CallTools } from '../../../../src/server/voice/runner/call-tools.js';
import type { CallRunnerOptions } from '../../../../src/server/voice/runner/call-types.js';
import type { PhoneLineControl } from '../../../../src/server/voice/transports/phone-line-control.js';
import {
  type CallSettings,
  callSettingsSchema,
  defaultChatbotSettings,
} from '../../../../src/shared/chatbot-settings.js';
import { RecordingCallerLeg } from '../../../fakes/recording-caller-leg.js';
import {
  type ScriptedAgentSession,
  ScriptedProvider,
} from '../../../fakes/scripted-agent-session.js';
import { createCompany } from '../../../helpers/fixtures.js';
import { ManualClock } from '../../../helpers/manual-clock.js';
import { createTestDatabase } from '../../../helpers/test-database.js';

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const CALL_CHANNELS = [
  'call.started',
  'call.transcript',
  'call.agent_speaking',
  'call.ended',
] as const;
type CallChannel = (typeof CALL_CHANNELS)[number];
type BusRecord = { [C in CallChannel]: { channel: C; payload: BusEvents[C] } }[CallChannel];

/** One database, company and call chatbot per test file, with the services a runner uses. */
export type RunnerWorld = Awaited<ReturnType<typeof createRunnerWorld>>;

export async function createRunnerWorld() {
  const database: DatabaseHandle = await createTestDatabase();
  const db = database.db;
  const bus = new MemoryBus(logger);
  const busEvents: BusRecord[] = [];
  for (const channel of CALL_CHANNELS) {
    await bus.subscribe(channel, (payload) => busEvents.push({ channel, payload } as BusRecord));
  }
  const company = await createCompany(db, { callEnabled: true });
  const [chatbot] = await db
    .insert(chatbots)
    .values({
      companyId: company.id,
      publicId: `cb_${randomBytes(9).toString('base64url')}`,
      name: 'Front desk',
      chatbotType: 'call',
      settings: defaultChatbotSettings(),
    })
    .returning();
  if (!chatbot) throw new Error('chatbot insert failed');
  const retriever = new KnowledgeRetriever({ db, vectorColumn: await hasVectorColumn(db) });
  const conversations = new ConversationService({ db, bus });
  return {
    database,
    db,
    bus,
    busEvents,
    company,
    chatbot,
    retriever,
    conversations,
    escalations: new EscalationService(conversations),
    store: new CallStore(db),
    close: () => database.close(),
  };
}

export type RunnerOptions = {
  settings?: Partial<CallSettings>;
  capabilities?: Partial<ProviderCapabilities>;
  /** Caller leg rates (input, output). */
  legRates?: [number, number];
  setup?: (session: ScriptedAgentSession) => void;
  connectRetry?: { attempts?: number; baseDelayMs?: number };
  leg?: RecordingCallerLeg;
  /** Builds the session itself, e.g. to throw as a provider without a key does. */
  createSession?: CallRunnerOptions['createSession'];
  recorder?: CallRunnerOptions['recorder'];
  logger?: CallRunnerOptions['logger'];
  /** A phone call's hold on the network, and where its caller may be handed. */
  phone?: { line: PhoneLineControl; transferNumber?: string };
};

/** A runner on a fresh call row, with a scripted session, a recording leg and a manual clock. */
export async function startRunner(world: RunnerWorld, options: RunnerOptions = {}) {
  const log: string[] = [];
  const clock = new ManualClock();
  const leg = options.leg ?? new RecordingCallerLeg(...(options.legRates ?? [24000, 24000]), log);
  const provider = new ScriptedProvider(options.setup, options.capabilities, log);
  const settings = callSettingsSchema.parse({ ...options.settings });
  const call = await world.store.create(
    {
      companyId: world.company.id,
      chatbotId: world.chatbot.id,
      modelId: null,
      source: 'web',
      nodeId: 'test-node',
    },
    100,
  );
  const scope = { companyId: world.company.id, callId: call.id };
  const runner = new CallRunner({
    call: { id: call.id, companyId: world.company.id, chatbotId: world.chatbot.id, source: 'web' },
    settings,
    instructions: 'You are the front desk of Alpha Dental.',
    leg,
    ...(options.phone ? { phoneLine: options.phone.line } : {}),
    createSession: options.createSession ?? ((config) => provider.createSession(config)),
    providerName: 'scripted',
    tools: new CallTools(
      {
        db: world.db,
        retriever: world.retriever,
        conversations: world.conversations,
        escalations: world.escalations,
        logger,
      },
      {
        ...scope,
        chatbotId: world.chatbot.id,
        knowledgeBaseAccess: settings.knowledgeBaseAccess,
        transferNumber: options.phone?.transferNumber ?? null,
      },
    ),
    recorder: options.recorder ?? world.store.recorder(scope),
    bus: world.bus,
    logger: options.logger ?? logger,
    clock,
    connectRetry: options.connectRetry ?? { baseDelayMs: 5 },
  });
  await runner.start();
  const session = provider.sessions[0] as ScriptedAgentSession;
  // Lets the greeting's scripted answer (a microtask) play.
  await clock.advance(0);
  return { runner, session, leg, clock, log, callId: call.id, provider };
}

export async function callRow(world: RunnerWorld, callId: string) {
  const [row] = await world.db.select().from(calls).where(eq(calls.id, callId));
  if (!row) throw new Error('call row missing');
  return row;
}

export async function transcriptRows(world: RunnerWorld, callId: string) {
  const rows = await world.db
    .select()
    .from(callTranscripts)
    .where(eq(callTranscripts.callId, callId))
    .orderBy(asc(callTranscripts.seq));
  return rows.map(({ seq, speaker, text, startMs, endMs, interrupted }) => ({
    seq,
    speaker,
    text,
    startMs,
    endMs,
    interrupted,
  }));
}

/** Waits for work the runner does in the background (tool calls hit the database). */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Retries an assertion until it passes: rows written in the background take a moment on Postgres. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
