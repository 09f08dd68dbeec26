import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/server/db/client.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { databaseUrlFor } from '../test/helpers/postgres.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Runs `work` on a freshly migrated database `buzzi_bench_<random>` on the
 * server of DATABASE_URL (or the local default) and drops it afterwards.
 * An unreachable server yields `{ skipped }` instead of failing the run.
 */
export async function withThrowawayPostgres<T>(
  /** `url` lets a spawned server use the same database. */
  work: (handle: DatabaseHandle, url: string) => Promise<T>,
): Promise<T | { skipped: string }> {
  const baseUrl = process.env.DATABASE_URL ?? DEFAULT_URL;
  const name = `buzzi_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    return { skipped: `PostgreSQL unavailable: ${(error as Error).message}` };
  }
  try {
    const url = databaseUrlFor(baseUrl, name);
    const handle = await openDatabase({ kind: 'postgres', url });
    // DROP … WITH (FORCE) below ends connections the pool may still be closing.
    if (handle.kind === 'postgres') handle.pool.on('error', () => {});
    try {
      await runMigrations(handle);
      return await work(handle, url);
    } finally {
      await handle.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

export async function withPglite<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    await runMigrations(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}
