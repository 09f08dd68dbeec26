import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type AiProvider, type ModelType, modelServes } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { aiModels, chatbots } from '../db/schema/index.js';
import { conflict, isForeignKeyViolation, isUniqueViolation, notFound } from '../http/errors.js';

export type AiModel = typeof aiModels.$inferSelect;

export type AiModelInput = {
  provider: AiProvider;
  modelId: string;
  displayName: string;
  modelType: ModelType;
  isActive?: boolean | undefined;
};

const duplicate = (input: Partial<AiModelInput>) =>
  conflict(`A ${input.provider ?? ''} model with id "${input.modelId ?? ''}" already exists`);

export function listAiModels(db: Database): Promise<AiModel[]> {
  return db.select().from(aiModels).orderBy(asc(aiModels.provider), asc(aiModels.displayName));
}

/** Active models usable for a purpose: `both` serves chat and call. */
export function listUsableModels(
  db: Database,
  purposes: Array<'chat' | 'call'>,
): Promise<AiModel[]> {
  const types = new Set<ModelType>(['both', ...purposes]);
  return db
    .select()
    .from(aiModels)
    .where(and(eq(aiModels.isActive, true), inArray(aiModels.modelType, [...types])))
    .orderBy(asc(aiModels.displayName));
}

export async function getAiModel(db: Database, id: string): Promise<AiModel> {
  const [model] = await db.select().from(aiModels).where(eq(aiModels.id, id));
  if (!model) throw notFound('AI model');
  return model;
}

export async function createAiModel(db: Database, input: AiModelInput): Promise<AiModel> {
  try {
    const [model] = await db.insert(aiModels).values(input).returning();
    if (!model) throw new Error('AI model insert returned nothing');
    return model;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input);
    throw error;
  }
}

async function countChatbotsUsing(db: Database, id: string, purpose: 'chat' | 'call') {
  const uses =
    purpose === 'chat'
      ? sql`${chatbots.chatModelId} = ${id}`
      : sql`${chatbots.settings}->'call'->>'modelId' = ${id}`;
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(chatbots).where(uses);
  return row?.count ?? 0;
}

const chatbotsPhrase = (count: number) => `${count} chatbot${count === 1 ? '' : 's'}`;

export async function updateAiModel(
  db: Database,
  id: string,
  patch: Partial<AiModelInput>,
): Promise<AiModel> {
  const current = await getAiModel(db, id);
  if (patch.modelType && patch.modelType !== current.modelType) {
    for (const purpose of ['chat', 'call'] as const) {
      if (modelServes(patch.modelType, purpose)) continue;
      const inUse = await countChatbotsUsing(db, id, purpose);
      if (inUse > 0) {
        throw conflict(
          `This model is used for ${purpose} by ${chatbotsPhrase(inUse)}; choose another model for them first`,
        );
      }
    }
  }
  try {
    const [model] = await db
      .update(aiModels)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(aiModels.id, id))
      .returning();
    if (!model) throw notFound('AI model');
    return model;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate({ ...current, ...patch });
    throw error;
  }
}

export async function deleteAiModel(db: Database, id: string): Promise<void> {
  await getAiModel(db, id);
  const inUse =
    (await countChatbotsUsing(db, id, 'chat')) + (await countChatbotsUsing(db, id, 'call'));
  const inUseError = () =>
    conflict(`This model is used by ${chatbotsPhrase(inUse)}; deactivate it instead`);
  if (inUse > 0) throw inUseError();
  try {
    await db.delete(aiModels).where(eq(aiModels.id, id));
  } catch (error) {
    if (isForeignKeyViolation(error)) throw conflict('This model is in use; deactivate it instead');
    throw error;
  }
}
