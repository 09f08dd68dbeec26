import pg from 'pg';
import { openDatabase } from '../../src/server/db/client.js';
import { runMigrations } from '../../src/server/db/migrate.js';
import {
  databaseUrlFor,
  runDatabasePrefix,
  runStartOf,
  TEST_DATABASE_PREFIX,
  templateDatabase,
} from './postgres.js';

/**
 * With DATABASE_URL, migrates one template database that every test file
 * copies (CREATE DATABASE … TEMPLATE), so files never share rows.
 */
export async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await dropAbandonedDatabases(admin);
    await admin.query(`CREATE DATABASE ${templateDatabase()}`);
  } finally {
    await admin.end();
  }
  const template = await openDatabase({
    kind: 'postgres',
    url: databaseUrlFor(url, templateDatabase()),
  });
  await runMigrations(template);
  await template.close();
}

export async function teardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await dropDatabases(admin, `${runDatabasePrefix()}%`).finally(() => admin.end());
}

async function dropDatabases(admin: pg.Client, pattern: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [pattern],
  );
  for (const { datname } of rows) {
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

// No test run takes this long; a run still going may leave its template idle between copies.
const ABANDONED_AFTER_MS = 3 * 3600_000;

/** Left by runs that crashed: test databases nobody is connected to, of runs long over. */
async function dropAbandonedDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT d.datname FROM pg_database d
     WHERE d.datname LIKE $1
       AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    [`${TEST_DATABASE_PREFIX}%`],
  );
  const cutoff = Date.now() - ABANDONED_AFTER_MS;
  for (const { datname } of rows) {
    if ((runStartOf(datname)?.getTime() ?? 0) > cutoff) continue;
    await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => {});
  }
}
