import { type DatabaseHandle, openDatabase } from '../../src/server/db/client.js';
import { runMigrations } from '../../src/server/db/migrate.js';
import { createDatabaseCopy } from './postgres.js';

/**
 * A database of this test file's own: PGlite in memory by default, a copy of
 * the migrated template on the real server when DATABASE_URL is set.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const handle = await openDatabase({ kind: 'pglite', dataDir: undefined });
    await runMigrations(handle);
    return handle;
  }
  const copy = await createDatabaseCopy(baseUrl);
  const handle = await openDatabase({ kind: 'postgres', url: copy.url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await copy.drop();
    },
  };
}
