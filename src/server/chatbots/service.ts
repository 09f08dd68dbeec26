import { randomBytes } from 'node:crypto';
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import {
  type AgentDefinition,
  type ChatbotSettingsPatch,
  mergeChatbotSettings,
} from '../../shared/chatbot-settings.js';
import { type ChatbotType, modelServes } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { aiModels, chatbotPackages, chatbots } from '../db/schema/index.js';
import { invalid, notFound } from '../http/errors.js';

type Tenant = { companyId: string };

export type Chatbot = Omit<typeof chatbots.$inferSelect, 'companyId'>;

export type ChatbotInput = {
  name: string;
  description?: string | undefined;
  chatbotType: ChatbotType;
  packageId?: string | null | undefined;
  chatModelId?: string | null | undefined;
  instructions?: string | undefined;
  isActive?: boolean | undefined;
  settings?: ChatbotSettingsPatch | undefined;
  agentsList?: AgentDefinition[] | undefined;
};

export type ChatbotPatch = Partial<Omit<ChatbotInput, 'chatbotType'>>;

const { companyId: _companyId, ...chatbotColumns } = getTableColumns(chatbots);

const newPublicId = () => `cb_${randomBytes(12).toString('base64url')}`;

export function listChatbots(db: Database, tenant: Tenant): Promise<Chatbot[]> {
  return db
    .select(chatbotColumns)
    .from(chatbots)
    .where(eq(chatbots.companyId, tenant.companyId))
    .orderBy(asc(chatbots.name));
}

export async function getChatbot(db: Database, tenant: Tenant, id: string): Promise<Chatbot> {
  const [bot] = await db
    .select(chatbotColumns)
    .from(chatbots)
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, id)));
  if (!bot) throw notFound('Chatbot');
  return bot;
}

async function assertModelServes(
  db: Database,
  field: string,
  modelId: string,
  purpose: 'chat' | 'call',
): Promise<void> {
  const [model] = await db
    .select({ modelType: aiModels.modelType, isActive: aiModels.isActive })
    .from(aiModels)
    .where(eq(aiModels.id, modelId));
  if (!model?.isActive) throw invalid(field, 'no such active AI model');
  if (!modelServes(model.modelType, purpose)) {
    throw invalid(field, `this model cannot be used for ${purpose === 'chat' ? 'chat' : 'calls'}`);
  }
}

async function assertPackageFits(db: Database, packageId: string, type: ChatbotType) {
  const [pkg] = await db
    .select({ chatbotType: chatbotPackages.chatbotType, isActive: chatbotPackages.isActive })
    .from(chatbotPackages)
    .where(eq(chatbotPackages.id, packageId));
  if (!pkg?.isActive) throw invalid('packageId', 'no such active package');
  if (pkg.chatbotType !== type) {
    throw invalid('packageId', `this package is for ${pkg.chatbotType} chatbots`);
  }
}

async function validateReferences(db: Database, type: ChatbotType, input: ChatbotPatch) {
  if (input.packageId) await assertPackageFits(db, input.packageId, type);
  if (input.chatModelId) await assertModelServes(db, 'chatModelId', input.chatModelId, 'chat');
  const callModelId = input.settings?.call?.modelId;
  if (callModelId) await assertModelServes(db, 'settings.call.modelId', callModelId, 'call');
}

export async function createChatbot(
  db: Database,
  tenant: Tenant,
  input: ChatbotInput,
): Promise<Chatbot> {
  await validateReferences(db, input.chatbotType, input);
  const [row] = await db
    .insert(chatbots)
    .values({
      companyId: tenant.companyId,
      publicId: newPublicId(),
      name: input.name,
      description: input.description ?? '',
      chatbotType: input.chatbotType,
      packageId: input.packageId ?? null,
      chatModelId: input.chatModelId ?? null,
      instructions: input.instructions ?? '',
      isActive: input.isActive ?? true,
      settings: mergeChatbotSettings({}, input.settings ?? {}),
      agentsList: input.agentsList ?? [],
    })
    .returning({ id: chatbots.id });
  if (!row) throw new Error('Chatbot insert returned nothing');
  return getChatbot(db, tenant, row.id);
}

export async function updateChatbot(
  db: Database,
  tenant: Tenant,
  id: string,
  patch: ChatbotPatch,
): Promise<Chatbot> {
  const current = await getChatbot(db, tenant, id);
  await validateReferences(db, current.chatbotType, patch);
  const { settings, ...fields } = patch;
  await db
    .update(chatbots)
    .set({
      ...fields,
      ...(settings ? { settings: mergeChatbotSettings(current.settings, settings) } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, id)));
  return getChatbot(db, tenant, id);
}

export async function deleteChatbot(db: Database, tenant: Tenant, id: string): Promise<void> {
  const deleted = await db
    .delete(chatbots)
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, id)))
    .returning({ id: chatbots.id });
  if (deleted.length === 0) throw notFound('Chatbot');
}
