import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { pgliteTakingTurns } from './pglite-turns.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = { db: Database; close(): Promise<void> } & (
  | { kind: 'postgres'; pool: pg.Pool }
  | { kind: 'pglite'; client: PGlite }
);

export type DatabaseOptions =
  | {
      kind: 'postgres';
      url: string;
      /** Told when an idle pooled connection dies (server restart, terminated backend). */
      onIdleError?: (error: Error) => void;
    }
  /** `dataDir` undefined keeps the database in memory (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // Without a listener, an idle connection dropped by the server is an
    // uncaught error that takes the process down; the pool replaces it anyway.
    pool.on('error', (error) => options.onIdleError?.(error));
    // Surface a wrong URL at start-up rather than on the first request.
    const client = await pool.connect();
    client.release();
    return {
      db: drizzlePostgres(pool, { schema }) as unknown as Database,
      kind: 'postgres',
      pool,
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    extensions: { vector },
  });
  return {
    db: drizzlePglite(pgliteTakingTurns(client), { schema }) as unknown as Database,
    kind: 'pglite',
    client,
    close: () => client.close(),
  };
}
