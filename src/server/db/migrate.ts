import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from './client.js';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle',
);

// Any constant works; it only has to be the same on every node.
const MIGRATION_LOCK_ID = 4_242_001;

export class MigrationError extends Error {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Database migration failed: ${detail}`, { cause });
  }
}

export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  try {
    if (handle.kind === 'pglite') {
      await migratePglite(drizzlePglite(handle.client), { migrationsFolder });
      return;
    }
    // Nodes starting together must not apply the same migration twice.
    const connection = await handle.pool.connect();
    try {
      await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
      await migratePostgres(drizzle(connection), { migrationsFolder });
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
      connection.release();
    }
  } catch (error) {
    throw new MigrationError(error);
  }
}
