import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { chatbotKnowledgeCategories, chatbots, knowledgeCategories } from '../db/schema/index.js';
import { notFound } from '../http/errors.js';
import { assertCategoriesBelong } from './categories-service.js';

type Tenant = { companyId: string };

async function assertChatbot(db: Database, tenant: Tenant, chatbotId: string): Promise<void> {
  const [bot] = await db
    .select({ id: chatbots.id })
    .from(chatbots)
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, chatbotId)));
  if (!bot) throw notFound('Chatbot');
}

/** The categories a chatbot answers from; none means all of the company's knowledge. */
export async function getChatbotCategoryIds(
  db: Database,
  tenant: Tenant,
  chatbotId: string,
): Promise<string[]> {
  await assertChatbot(db, tenant, chatbotId);
  const rows = await db
    .select({ id: chatbotKnowledgeCategories.categoryId })
    .from(chatbotKnowledgeCategories)
    .innerJoin(
      knowledgeCategories,
      eq(knowledgeCategories.id, chatbotKnowledgeCategories.categoryId),
    )
    .where(
      and(
        eq(chatbotKnowledgeCategories.companyId, tenant.companyId),
        eq(chatbotKnowledgeCategories.chatbotId, chatbotId),
      ),
    )
    .orderBy(asc(knowledgeCategories.name), asc(knowledgeCategories.id));
  return rows.map((row) => row.id);
}

/** Replaces the chatbot's categories with `categoryIds`, all of which must be the tenant's. */
export async function setChatbotCategoryIds(
  db: Database,
  tenant: Tenant,
  chatbotId: string,
  categoryIds: string[],
): Promise<string[]> {
  await assertChatbot(db, tenant, chatbotId);
  const unique = [...new Set(categoryIds)];
  await assertCategoriesBelong(db, tenant, 'categoryIds', unique);
  await db.transaction(async (tx) => {
    await tx
      .delete(chatbotKnowledgeCategories)
      .where(
        and(
          eq(chatbotKnowledgeCategories.companyId, tenant.companyId),
          eq(chatbotKnowledgeCategories.chatbotId, chatbotId),
        ),
      );
    if (unique.length === 0) return;
    await tx
      .insert(chatbotKnowledgeCategories)
      .values(unique.map((categoryId) => ({ companyId: tenant.companyId, chatbotId, categoryId })));
  });
  return getChatbotCategoryIds(db, tenant, chatbotId);
}
