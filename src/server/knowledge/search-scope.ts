import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { chatbots, knowledgeCategories } from '../db/schema/index.js';
import { invalid, notFound } from '../http/errors.js';
import type { SearchScope } from './retrieval.js';

type Tenant = { companyId: string };

export type ScopeRequest = { chatbotId?: string | undefined; categoryIds?: string[] | undefined };

/**
 * Checks that the chatbot or categories a search names belong to the tenant:
 * another tenant's chatbot is "not found", unknown categories are invalid input.
 */
export async function resolveSearchScope(
  db: Database,
  tenant: Tenant,
  request: ScopeRequest,
): Promise<SearchScope> {
  if (request.chatbotId) {
    const [bot] = await db
      .select({ id: chatbots.id })
      .from(chatbots)
      .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, request.chatbotId)));
    if (!bot) throw notFound('Chatbot');
    return { chatbotId: bot.id };
  }
  const categoryIds = [...new Set(request.categoryIds ?? [])];
  // An empty selection in the search tester means "no filter", as omitting it does.
  if (categoryIds.length === 0) return { all: true };
  const found = await db
    .select({ id: knowledgeCategories.id })
    .from(knowledgeCategories)
    .where(
      and(
        eq(knowledgeCategories.companyId, tenant.companyId),
        inArray(knowledgeCategories.id, categoryIds),
      ),
    );
  if (found.length !== categoryIds.length) {
    throw invalid('categoryIds', 'contains a category that does not exist');
  }
  return { categoryIds };
}
