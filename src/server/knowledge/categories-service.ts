import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { knowledgeCategories, knowledgeDocuments } from '../db/schema/index.js';
import { invalid, notFound } from '../http/errors.js';

type Tenant = { companyId: string };

export type KnowledgeCategory = {
  id: string;
  name: string;
  description: string;
  documentCount: number;
  createdAt: Date;
};

export type CategoryInput = { name: string; description?: string | undefined };

function selectCategories(db: Database) {
  return db
    .select({
      id: knowledgeCategories.id,
      name: knowledgeCategories.name,
      description: knowledgeCategories.description,
      documentCount: sql<number>`count(${knowledgeDocuments.id})::int`,
      createdAt: knowledgeCategories.createdAt,
    })
    .from(knowledgeCategories)
    .leftJoin(
      knowledgeDocuments,
      and(
        eq(knowledgeDocuments.categoryId, knowledgeCategories.id),
        eq(knowledgeDocuments.companyId, knowledgeCategories.companyId),
      ),
    )
    .groupBy(knowledgeCategories.id);
}

export function listCategories(db: Database, tenant: Tenant): Promise<KnowledgeCategory[]> {
  return selectCategories(db)
    .where(eq(knowledgeCategories.companyId, tenant.companyId))
    .orderBy(asc(knowledgeCategories.name), asc(knowledgeCategories.createdAt));
}

export async function getCategory(
  db: Database,
  tenant: Tenant,
  id: string,
): Promise<KnowledgeCategory> {
  const [category] = await selectCategories(db).where(
    and(eq(knowledgeCategories.companyId, tenant.companyId), eq(knowledgeCategories.id, id)),
  );
  if (!category) throw notFound('Category');
  return category;
}

export async function createCategory(
  db: Database,
  tenant: Tenant,
  input: CategoryInput,
): Promise<KnowledgeCategory> {
  const [row] = await db
    .insert(knowledgeCategories)
    .values({
      companyId: tenant.companyId,
      name: input.name,
      description: input.description ?? '',
    })
    .returning({ id: knowledgeCategories.id });
  if (!row) throw new Error('Category insert returned nothing');
  return getCategory(db, tenant, row.id);
}

export async function updateCategory(
  db: Database,
  tenant: Tenant,
  id: string,
  patch: Partial<CategoryInput>,
): Promise<KnowledgeCategory> {
  const updated = await db
    .update(knowledgeCategories)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(knowledgeCategories.companyId, tenant.companyId), eq(knowledgeCategories.id, id)))
    .returning({ id: knowledgeCategories.id });
  if (updated.length === 0) throw notFound('Category');
  return getCategory(db, tenant, id);
}

/** Deletes the category; its documents, their chunks and chatbot links go with it (cascade). */
export async function deleteCategory(db: Database, tenant: Tenant, id: string): Promise<void> {
  const deleted = await db
    .delete(knowledgeCategories)
    .where(and(eq(knowledgeCategories.companyId, tenant.companyId), eq(knowledgeCategories.id, id)))
    .returning({ id: knowledgeCategories.id });
  if (deleted.length === 0) throw notFound('Category');
}

/**
 * Checks that every id is a category of the tenant; otherwise a 400 on
 * `field` (another tenant's category is as unknown as a made-up id).
 */
export async function assertCategoriesBelong(
  db: Database,
  tenant: Tenant,
  field: string,
  ids: string[],
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db
    .select({ id: knowledgeCategories.id })
    .from(knowledgeCategories)
    .where(
      and(
        eq(knowledgeCategories.companyId, tenant.companyId),
        inArray(knowledgeCategories.id, unique),
      ),
    );
  if (found.length !== unique.length) {
    const known = new Set(found.map((row) => row.id));
    const missing = unique.filter((id) => !known.has(id));
    throw invalid(field, `unknown category ${missing.join(', ')}`);
  }
}
