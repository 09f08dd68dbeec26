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
    expect(res.body).toMatchObject({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      redis: process.env.REDIS_URL ? 'ok' : 'off',
    });
  });

  it('reports the local voice engine ready with its offline parts', async () => {
    const res = await t.client().get<{ localVoice: unknown }>('/api/health');
    expect(res.body.localVoice).toEqual({
      status: 'ok',
      message: 'The local voice engine is ready.',
      installCommand: null,
      parts: {
        vad: { engine: 'silero', ready: true },
        stt: { engine: 'pocketsphinx', ready: true },
        tts: { engine: 'flite', ready: true },
      },
    });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.client().get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
  });
});

describe('GET /api/health without the Debian speech packages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      POCKETSPHINX_MODEL_DIR: '/nonexistent/pocketsphinx/model',
      FLITE_BIN: '/nonexistent/bin/flite',
    });
  });
  afterAll(() => t.close());

  it('stays healthy and says exactly how to install the local voice engine', async () => {
    const res = await t
      .client()
      .get<{ status: string; localVoice: Record<string, unknown> }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.localVoice).toMatchObject({
      status: 'unavailable',
      installCommand: 'sudo apt-get install -y pocketsphinx-en-us flite',
      message:
        'The local voice engine needs the Debian packages pocketsphinx-en-us, flite. Install them with: sudo apt-get install -y pocketsphinx-en-us flite',
    });
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
