import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/server/db/migrate.js';
import { ApiClient } from '../helpers/api-client.js';
import { databaseUrlFor, runDatabasePrefix } from '../helpers/postgres.js';
import { type ServerProcess, spawnServer, waitForOutput } from '../helpers/server-process.js';

// PGlite is one process's database, so only PostgreSQL can have two nodes racing to migrate it.

const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
) as { entries: unknown[] };

describe.runIf(process.env.DATABASE_URL)('two nodes starting together on a fresh database', () => {
  // Collected even when skipped: nothing here may need DATABASE_URL.
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://unused';
  const database = `${runDatabasePrefix()}fresh_${randomBytes(4).toString('hex')}`;
  const url = databaseUrlFor(baseUrl, database);
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];

  async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin
      .query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      .finally(() => admin.end());
  });

  it('both start, the schema, the catalog and the demo tenant are applied once, and both serve', async () => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`).finally(() => admin.end());

    const encryptionKey = randomBytes(32).toString('hex');
    for (const node of ['node-a', 'node-b']) {
      const dataDir = await mkdtemp(path.join(tmpdir(), `buzzi-${node}-`));
      dirs.push(dataDir);
      servers.push(
        spawnServer({
          DATABASE_URL: url,
          BUZZI_DATA_DIR: dataDir,
          NODE_ID: node,
          ENCRYPTION_KEY: encryptionKey,
          BUZZI_DEMO_PASSWORD: 'race-password-1',
        }),
      );
    }
    const urls = await Promise.all(
      servers.map(async (server) => {
        const [, baseUrl] = await waitForOutput(server, /Dashboard\s+(http:\/\/\S+?)\/\s/, 90_000);
        return baseUrl as string;
      }),
    );
    for (const server of servers) expect(server.output()).not.toMatch(/migration failed|error/i);

    const applied = await query<{ count: string }>(
      'SELECT count(*) FROM drizzle.__drizzle_migrations',
    );
    expect(Number(applied[0]?.count)).toBe(journal.entries.length);
    const companies = await query<{ name: string }>('SELECT name FROM companies');
    expect(companies).toEqual([{ name: 'Acme Dental' }]);
    const models = await query<{ count: string }>('SELECT count(*) FROM ai_models');
    expect(Number(models[0]?.count)).toBe(8);
    const packages = await query<{ name: string }>('SELECT name FROM chatbot_packages');
    expect(new Set(packages.map((p) => p.name)).size).toBe(packages.length);
    const users = await query<{ email: string }>('SELECT email FROM users ORDER BY email');
    expect(users.map((u) => u.email)).toEqual([
      'admin@buzzi.local',
      'agent@acme.test',
      'owner@acme.test',
    ]);

    for (const baseUrl of urls) {
      const owner = new ApiClient(baseUrl);
      const login = await owner.post('/api/auth/login', {
        email: 'owner@acme.test',
        password: 'race-password-1',
      });
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      expect((await owner.get('/api/health')).body).toMatchObject({ database: 'postgres' });
    }

    for (const server of servers) server.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((server) => server.exited))).toEqual([0, 0]);
  }, 150_000);
});
