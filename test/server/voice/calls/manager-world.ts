import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import type { EventBus } from '../../../../src/server/bus/event-bus.js';
import { MemoryBus } from '../../../../src/server/bus/memory-bus.js';
import { RedisBus } from '../../../../src/server/bus/redis-bus.js';
import type { Config } from '../../../../src/server/config.js';
import { hasVectorColumn } from '../../../../src/server/db/capabilities.js';
import type { DatabaseHandle } from '../../../../src/server/db/client.js';
import { aiModels, calls, chatbots, companies } from '../../../../src/server/db/schema/index.js';
import { KnowledgeRetriever } from '../../../../src/server/knowledge/retrieval.js';
import { seedCatalog } from '../../../../src/server/seed/catalog.js';
import type { AgentProviderFactory } from '../../../../src/server/voice/calls/provider-registry.js';
import {
  CallSessionManager,
  type CallSessionManagerOptions,
} from '../../../../src/server/voice/calls/session-manager.js';
import { MemorySessionStore } from '../../../../src/server/voice/calls/session-tokens.js';
import {
  type ChatbotSettingsPatch,
  mergeChatbotSettings,
} from '../../../../src/shared/chatbot-settings.js';
import { RecordingCallerLeg } from '../../../fakes/recording-caller-leg.js';
import { ScriptedProvider } from '../../../fakes/scripted-agent-session.js';
import { createCompany } from '../../../helpers/fixtures.js';
import { createTestDatabase } from '../../../helpers/test-database.js';

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const NO_KEYS: Config['providers'] = {
  openai: { apiKey: undefined, baseUrl: undefined },
  gemini: { apiKey: undefined, baseUrl: undefined },
  twilioApiBaseUrl: undefined,
  metaGraphBaseUrl: undefined,
};

/**
 * One database (seeded catalog) and bus per test file, as the app would
 * have them: the real Redis bus when REDIS_URL is set, in memory otherwise.
 */
export async function createManagerWorld() {
  const database: DatabaseHandle = await createTestDatabase();
  const db = database.db;
  await seedCatalog(db);
  const bus: EventBus = process.env.REDIS_URL
    ? await RedisBus.connect(process.env.REDIS_URL, logger)
    : new MemoryBus(logger);
  const redis = bus instanceof RedisBus ? bus.client : undefined;
  const retriever = new KnowledgeRetriever({ db, vectorColumn: await hasVectorColumn(db) });
  const managers: CallSessionManager[] = [];
  // Without Redis, the nodes of a test share one pending-session store, as they would share Redis.
  const sessionStore = redis ? undefined : new MemorySessionStore();
  return {
    db,
    bus,
    redis,
    managers,
    /** A manager as one node builds it; the provider is scripted unless `providers` says otherwise. */
    manager(
      options: Omit<Partial<CallSessionManagerOptions>, 'config'> & {
        provider?: ScriptedProvider;
        nodeId?: string;
        config?: Partial<CallSessionManagerOptions['config']>;
      } = {},
    ) {
      const { provider: given, nodeId, config, ...rest } = options;
      const provider = given ?? new ScriptedProvider();
      const providers: AgentProviderFactory = rest.providers ?? (() => provider);
      const manager = new CallSessionManager({
        db,
        bus,
        redis,
        logger,
        retriever,
        connectRetry: { baseDelayMs: 5 },
        ...(sessionStore ? { sessionStore } : {}),
        ...rest,
        providers,
        config: {
          nodeId: nodeId ?? 'node-1',
          shutdownGraceMs: 1000,
          providers: { ...NO_KEYS, openai: { apiKey: 'sk-test', baseUrl: undefined } },
          ...config,
        },
      });
      managers.push(manager);
      return { manager, provider };
    },
    async close() {
      for (const manager of managers) manager.close();
      await bus.close();
      await database.close();
    },
  };
}

export type ManagerWorld = Awaited<ReturnType<typeof createManagerWorld>>;

export async function createCallChatbot(
  world: ManagerWorld,
  options: {
    callEnabled?: boolean;
    chatbotType?: 'chat' | 'call';
    maxConcurrentCalls?: number;
    settings?: ChatbotSettingsPatch;
    chatModelId?: string | null;
    packageId?: string | null;
  } = {},
) {
  const company = await createCompany(world.db, { callEnabled: options.callEnabled ?? true });
  if (options.maxConcurrentCalls !== undefined) {
    await world.db
      .update(companies)
      .set({
        settings: {
          features: { callEnabled: options.callEnabled ?? true },
          limits: { maxConcurrentCalls: options.maxConcurrentCalls },
        },
      })
      .where(eq(companies.id, company.id));
  }
  const [chatbot] = await world.db
    .insert(chatbots)
    .values({
      companyId: company.id,
      publicId: `cb_${randomBytes(9).toString('base64url')}`,
      name: 'Front desk',
      chatbotType: options.chatbotType ?? 'call',
      chatModelId: options.chatModelId ?? null,
      packageId: options.packageId ?? null,
      settings: mergeChatbotSettings({}, { call: { greeting: 'Hello!' }, ...options.settings }),
    })
    .returning();
  if (!chatbot) throw new Error('chatbot insert failed');
  return { company, chatbot };
}

export async function modelIdOf(
  world: ManagerWorld,
  provider: 'openai' | 'gemini' | 'local',
  modelId: string,
) {
  const [model] = await world.db
    .select({ id: aiModels.id })
    .from(aiModels)
    .where(and(eq(aiModels.provider, provider), eq(aiModels.modelId, modelId)));
  if (!model) throw new Error(`no model ${provider}/${modelId}`);
  return model.id;
}

export async function callRow(world: ManagerWorld, callId: string) {
  const [row] = await world.db.select().from(calls).where(eq(calls.id, callId));
  if (!row) throw new Error('call row missing');
  return row;
}

/** Issues, redeems and starts a web call on a fresh recording leg. */
export async function placeCall(
  manager: CallSessionManager,
  chatbotPublicId: string,
  leg = new RecordingCallerLeg(),
) {
  const issued = await manager.createSession({ chatbotPublicId, ip: '203.0.113.7' });
  const session = await manager.redeem(issued.sessionId, issued.token);
  const call = await manager.startCall({ session, leg, source: 'web' });
  return { ...call, leg, session };
}
