import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { callerListBody } from '../../shared/call-routing.js';
import type { Database } from '../db/client.js';
import { callerLists } from '../db/schema/index.js';
import { notFound } from '../http/errors.js';

type Tenant = { companyId: string };
type CallerListValues = z.output<typeof callerListBody>;

const view = {
  id: callerLists.id,
  name: callerLists.name,
  kind: callerLists.kind,
  numbers: callerLists.numbers,
  createdAt: callerLists.createdAt,
  updatedAt: callerLists.updatedAt,
};

const unique = (numbers: string[]) => [...new Set(numbers)];

export async function listCallerLists(db: Database, tenant: Tenant) {
  return db
    .select(view)
    .from(callerLists)
    .where(eq(callerLists.companyId, tenant.companyId))
    .orderBy(asc(callerLists.name), asc(callerLists.id));
}

export async function createCallerList(db: Database, tenant: Tenant, body: CallerListValues) {
  const [row] = await db
    .insert(callerLists)
    .values({ ...body, numbers: unique(body.numbers), companyId: tenant.companyId })
    .returning(view);
  if (!row) throw new Error('Caller list insert returned nothing');
  return row;
}

export async function updateCallerList(
  db: Database,
  tenant: Tenant,
  id: string,
  body: Partial<CallerListValues>,
) {
  const [row] = await db
    .update(callerLists)
    .set({
      ...body,
      ...(body.numbers ? { numbers: unique(body.numbers) } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(callerLists.companyId, tenant.companyId), eq(callerLists.id, id)))
    .returning(view);
  if (!row) throw notFound('Caller list');
  return row;
}

/** Rules naming a deleted list stop matching (they say so in "Test a call"). */
export async function deleteCallerList(db: Database, tenant: Tenant, id: string): Promise<void> {
  const [row] = await db
    .delete(callerLists)
    .where(and(eq(callerLists.companyId, tenant.companyId), eq(callerLists.id, id)))
    .returning({ id: callerLists.id });
  if (!row) throw notFound('Caller list');
}
