import { and, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { calls } from '../db/schema/index.js';
import { invalid } from '../http/errors.js';
import {
  type CallFilters,
  callFilterConditions,
  callFilterQuery,
  searchArms,
} from './call-filters.js';
import { type CallListItem, loadCallListItems } from './call-list-item.js';

export const CALL_PAGE_DEFAULT = 25;
export const CALL_PAGE_MAX = 100;

export const callSorts = ['newest', 'oldest', 'longest'] as const;
export type CallSort = (typeof callSorts)[number];

export const callListQuery = callFilterQuery.extend({
  sort: z.enum(callSorts).default('newest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(CALL_PAGE_MAX).default(CALL_PAGE_DEFAULT),
});

export type CallListQuery = z.infer<typeof callListQuery>;

/**
 * The sort key as PostgreSQL renders it, so a cursor names the exact
 * microsecond a call started (a JavaScript Date would round it and repeat or
 * skip rows). A call without a duration sorts as -1 under `longest`.
 */
const sortKeys: Record<CallSort, { key: SQL; direction: 'asc' | 'desc' }> = {
  newest: { key: sql`${calls.startedAt}`, direction: 'desc' },
  oldest: { key: sql`${calls.startedAt}`, direction: 'asc' },
  longest: { key: sql`coalesce(${calls.durationMs}, -1)`, direction: 'desc' },
};

type Cursor = { k: string; id: string };

const cursorShape = z.object({ k: z.string(), id: z.uuid() });

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw invalid('cursor', 'is not a cursor this list handed out');
  }
}

function afterCursor(sort: CallSort, cursor: Cursor): SQL {
  const { key, direction } = sortKeys[sort];
  const cast = sort === 'longest' ? sql`${cursor.k}::int` : sql`${cursor.k}::timestamptz`;
  const compare = direction === 'desc' ? sql`<` : sql`>`;
  return sql`(${key}, ${calls.id}) ${compare} (${cast}, ${cursor.id}::uuid)`;
}

/** One page of a company's calls; the page's ids and keys first, their details second. */
export async function listCalls(
  db: Database,
  tenant: { companyId: string },
  query: CallListQuery,
): Promise<{ calls: CallListItem[]; nextCursor: string | null }> {
  const page = await callPage(db, tenant.companyId, query, query.limit, query.cursor);
  return {
    calls: await loadCallListItems(
      db,
      tenant,
      page.rows.map((row) => row.id),
    ),
    nextCursor: page.nextCursor,
  };
}

/**
 * Keyset page of ids; `limit + 1` rows tell whether another page follows.
 * A search takes each of its arms' own first page (each by its own index,
 * or by walking the sort order when its word is common) and merges them:
 * one OR over every call would make a rare word walk them all.
 */
export async function callPage(
  db: Database,
  companyId: string,
  filters: CallFilters & { sort: CallSort },
  limit: number,
  cursor: string | undefined,
): Promise<{ rows: Array<{ id: string; k: string }>; nextCursor: string | null }> {
  const { key, direction } = sortKeys[filters.sort];
  const { q, ...rest } = filters;
  const conditions = callFilterConditions(companyId, rest);
  if (cursor) conditions.push(afterCursor(filters.sort, decodeCursor(cursor)));
  const order = direction === 'desc' ? sql`desc` : sql`asc`;
  const page = (match: SQL | undefined) => sql`select ${calls.id} as id, ${key} as sort_key
    from ${calls} where ${and(...conditions, match)}
    order by ${key} ${order}, ${calls.id} ${order} limit ${limit + 1}`;
  const arms = q ? await searchArms(db, companyId, q) : [undefined];
  const result = await db.execute(
    sql`select id, sort_key::text as k from (${sql.join(
      arms.map((arm) => sql`(${page(arm)})`),
      sql` union `,
    )}) as matches order by sort_key ${order}, id ${order} limit ${limit + 1}`,
  );
  const rows = (result as unknown as { rows: Array<{ id: string; k: string }> }).rows;
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { rows: pageRows, nextCursor: more && last ? encodeCursor(last) : null };
}
