import { and, asc, eq, sql } from 'drizzle-orm';
import type { ChatbotType } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { chatbotPackages, chatbots, type PackageLimits } from '../db/schema/index.js';
import { conflict, notFound } from '../http/errors.js';

export type ChatbotPackage = typeof chatbotPackages.$inferSelect;

export type PackageInput = {
  name: string;
  description?: string | undefined;
  chatbotType: ChatbotType;
  limits?: PackageLimits | undefined;
  isActive?: boolean | undefined;
};

export function listPackages(
  db: Database,
  filter: { activeOnly?: boolean; chatbotType?: ChatbotType | undefined } = {},
): Promise<ChatbotPackage[]> {
  return db
    .select()
    .from(chatbotPackages)
    .where(
      and(
        filter.activeOnly ? eq(chatbotPackages.isActive, true) : undefined,
        filter.chatbotType ? eq(chatbotPackages.chatbotType, filter.chatbotType) : undefined,
      ),
    )
    .orderBy(asc(chatbotPackages.chatbotType), asc(chatbotPackages.name));
}

export async function getPackage(db: Database, id: string): Promise<ChatbotPackage> {
  const [pkg] = await db.select().from(chatbotPackages).where(eq(chatbotPackages.id, id));
  if (!pkg) throw notFound('Chatbot package');
  return pkg;
}

export async function createPackage(db: Database, input: PackageInput): Promise<ChatbotPackage> {
  const [pkg] = await db.insert(chatbotPackages).values(input).returning();
  if (!pkg) throw new Error('Package insert returned nothing');
  return pkg;
}

async function countChatbotsUsing(db: Database, id: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(chatbots)
    .where(eq(chatbots.packageId, id));
  return row?.count ?? 0;
}

export async function updatePackage(
  db: Database,
  id: string,
  patch: Partial<PackageInput>,
): Promise<ChatbotPackage> {
  const current = await getPackage(db, id);
  if (patch.chatbotType && patch.chatbotType !== current.chatbotType) {
    if ((await countChatbotsUsing(db, id)) > 0) {
      throw conflict('Chatbots use this package, so its chatbot type cannot change');
    }
  }
  const [pkg] = await db
    .update(chatbotPackages)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(chatbotPackages.id, id))
    .returning();
  if (!pkg) throw notFound('Chatbot package');
  return pkg;
}

export async function deletePackage(db: Database, id: string): Promise<void> {
  await getPackage(db, id);
  const inUse = await countChatbotsUsing(db, id);
  if (inUse > 0) {
    throw conflict(
      `This package is used by ${inUse} chatbot${inUse === 1 ? '' : 's'}; deactivate it instead`,
    );
  }
  await db.delete(chatbotPackages).where(eq(chatbotPackages.id, id));
}
