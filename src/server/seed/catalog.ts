import { sql } from 'drizzle-orm';
import type { AiProvider, ModelType } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { aiModels, chatbotPackages } from '../db/schema/index.js';

export const LOCAL_ENGINE_MODEL_ID = 'buzzi-local';

export const seededModels: Array<{
  provider: AiProvider;
  modelId: string;
  displayName: string;
  modelType: ModelType;
}> = [
  { provider: 'openai', modelId: 'gpt-5.2', displayName: 'GPT-5.2', modelType: 'chat' },
  { provider: 'openai', modelId: 'gpt-5-mini', displayName: 'GPT-5 Mini', modelType: 'chat' },
  { provider: 'openai', modelId: 'gpt-5-nano', displayName: 'GPT-5 Nano', modelType: 'chat' },
  {
    provider: 'gemini',
    modelId: 'gemini-3-pro-preview',
    displayName: 'Gemini 3 Pro',
    modelType: 'chat',
  },
  {
    provider: 'gemini',
    modelId: 'gemini-3-flash-preview',
    displayName: 'Gemini 3 Flash',
    modelType: 'chat',
  },
  {
    provider: 'openai',
    modelId: 'gpt-realtime',
    displayName: 'OpenAI Realtime',
    modelType: 'call',
  },
  { provider: 'gemini', modelId: 'gemini-3.8-live', displayName: 'Gemini Live', modelType: 'call' },
  {
    provider: 'local',
    modelId: LOCAL_ENGINE_MODEL_ID,
    displayName: 'Local engine (offline)',
    modelType: 'call',
  },
];

export const seededPackages = [
  {
    name: 'Chat Standard',
    description: 'Website chat with knowledge base answers and human hand-off.',
    chatbotType: 'chat' as const,
    limits: { monthlyMessages: 10_000 },
  },
  {
    name: 'Voice Standard',
    description: 'Voice calls in the widget, by phone and on WhatsApp, plus chat.',
    chatbotType: 'call' as const,
    limits: { monthlyMessages: 10_000, monthlyCallMinutes: 1_000, maxConcurrentCalls: 5 },
  },
];

/**
 * Adds the models and packages every install starts with. Idempotent, and it
 * never overwrites what an administrator changed or re-adds what they deleted
 * once packages exist.
 */
// Any constant works; it only has to be the same on every node.
const SEED_LOCK_ID = 4_242_002;

/** Nodes starting together on a fresh database must not seed twice: one seeds, the others wait and find it done. */
export async function lockSeeding(tx: Pick<Database, 'execute'>): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`);
}

export async function seedCatalog(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await lockSeeding(tx);
    await tx.insert(aiModels).values(seededModels).onConflictDoNothing();
    const [existing] = await tx.select({ count: sql<number>`count(*)::int` }).from(chatbotPackages);
    if (existing?.count === 0) await tx.insert(chatbotPackages).values(seededPackages);
  });
}
