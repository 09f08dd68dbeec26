import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_PREFIX = 'buzzi_test_';

/**
 * One test run's databases share a run id, so concurrent runs (two developers,
 * or a run beside a benchmark) never drop each other's. The id starts with the
 * run's start time, so a later run can tell an abandoned database from one a
 * running neighbour is between uses of. It reaches the worker processes
 * through the environment global setup leaves behind.
 */
export function runDatabasePrefix(): string {
  const startedAt = Math.floor(Date.now() / 1000).toString(36);
  process.env.BUZZI_TEST_RUN_ID ??= `${startedAt}_${randomBytes(3).toString('hex')}`;
  return `${TEST_DATABASE_PREFIX}${process.env.BUZZI_TEST_RUN_ID}_`;
}

/** When the run that made a test database started; null for names without a start time. */
export function runStartOf(database: string): Date | null {
  const startedAt = new RegExp(`^${TEST_DATABASE_PREFIX}([0-9a-z]{6})_`).exec(database)?.[1];
  return startedAt ? new Date(Number.parseInt(startedAt, 36) * 1000) : null;
}

export const templateDatabase = () => `${runDatabasePrefix()}template`;

export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh copy of the migrated template; returns its URL and a function that drops it. */
export async function createDatabaseCopy(baseUrl: string) {
  const name = `${runDatabasePrefix()}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    // Concurrent copies of one template can collide; a short retry settles it.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrlFor(baseUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client
        .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        .finally(() => client.end());
    },
  };
}
