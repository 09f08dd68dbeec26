import pg from 'pg';
import { openDatabase } from '../../src/server/db/client.js';
import { runMigrations } from '../../src/server/db/migrate.js';
import { databaseUrlFor, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from './postgres.js';

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
    await dropTestDatabases(admin);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const template = await openDatabase({
    kind: 'postgres',
    url: databaseUrlFor(url, TEMPLATE_DATABASE),
  });
  await runMigrations(template);
  await template.close();
}

export async function teardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await dropTestDatabases(admin).finally(() => admin.end());
}

async function dropTestDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${TEST_DATABASE_PREFIX}%`],
  );
  for (const { datname } of rows) {
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
