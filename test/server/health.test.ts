import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports the database kind and the bus', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      redis: process.env.REDIS_URL ? 'ok' : 'off',
    });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.client().get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
  });
});

describe.runIf(process.env.DATABASE_URL)('losing database connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps serving after PostgreSQL terminates its idle connections', async () => {
    expect((await t.client().get('/api/health')).status).toBe(200);
    if (t.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const { pool } = t.database;
    // Several pooled connections, so some sit idle when they are cut.
    await Promise.all([1, 2, 3].map(() => pool.query('SELECT pg_sleep(0.05)')));
    const admin = await pool.connect();
    try {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
    } finally {
      admin.release(true);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await t.client().get('/api/health')).status).toBe(200);
  });
});
