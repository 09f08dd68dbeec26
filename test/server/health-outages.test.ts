import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { EventBus } from '../../src/server/bus/event-bus.js';
import { MemoryBus } from '../../src/server/bus/memory-bus.js';
import { RedisBus } from '../../src/server/bus/redis-bus.js';
import { loadConfig } from '../../src/server/config.js';
import { SecretBox } from '../../src/server/crypto/secret-box.js';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/client.js';
import { ApiClient } from '../helpers/api-client.js';
import { createDatabaseCopy } from '../helpers/postgres.js';
import { hostOf, startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDatabase } from '../helpers/test-database.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
type Health = { status: string; database: string; redis: string };

const cleanups: Array<() => Promise<unknown>> = [];
const proxies: TcpProxy[] = [];
async function cleanUp() {
  // Proxies first: a pool cannot end while a query it sent into a stalled proxy is pending.
  for (const proxy of proxies.splice(0)) await proxy.close();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}
afterEach(cleanUp);
afterAll(cleanUp);

/** A real TCP proxy in front of a real server, removed after the test. */
async function proxyTo(url: string): Promise<TcpProxy> {
  const proxy = await startTcpProxy(hostOf(url));
  proxies.push(proxy);
  return proxy;
}

/** The production app on a real port with the database and bus given. */
async function startApp(database: DatabaseHandle, bus: EventBus): Promise<ApiClient> {
  const app: FastifyInstance = await buildApp({
    config: loadConfig({ BUZZI_DATA_DIR: '/tmp/buzzi-test-unused', LOG_LEVEL: 'silent' }),
    database,
    bus,
    secretBox: new SecretBox(randomBytes(32)),
    logger,
  });
  cleanups.push(async () => {
    await app.close();
    await bus.close();
    await database.close();
  });
  return new ApiClient(await app.listen({ port: 0, host: '127.0.0.1' }));
}

const health = (client: ApiClient) => client.get<Health>('/api/health');
const ready = (client: ApiClient) => client.get('/api/health/ready');

describe.runIf(process.env.DATABASE_URL)('/api/health when PostgreSQL goes down', () => {
  it('answers 503 while the database is unreachable and 200 once it is back', async () => {
    const baseUrl = process.env.DATABASE_URL as string;
    const copy = await createDatabaseCopy(baseUrl);
    cleanups.push(() => copy.drop());
    const proxy = await proxyTo(copy.url);
    const database = await openDatabase({
      kind: 'postgres',
      url: proxy.url(copy.url),
      onIdleError: () => {},
    });
    const client = await startApp(database, new MemoryBus(logger));
    expect((await health(client)).status).toBe(200);

    await proxy.cut();
    const down = await health(client);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', database: 'postgres', redis: 'off' });
    const notReady = await ready(client);
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'not_ready', reason: 'database_unreachable' });

    await proxy.restore();
    await expect.poll(async () => (await health(client)).status, { timeout: 10_000 }).toBe(200);
    expect((await ready(client)).body).toMatchObject({ status: 'ready' });
  });
});

describe.runIf(process.env.DATABASE_URL)('/api/health when PostgreSQL hangs', () => {
  it('answers 503 instead of waiting for a database that never replies', async () => {
    const baseUrl = process.env.DATABASE_URL as string;
    const copy = await createDatabaseCopy(baseUrl);
    cleanups.push(() => copy.drop());
    const proxy = await proxyTo(copy.url);
    const database = await openDatabase({
      kind: 'postgres',
      url: proxy.url(copy.url),
      onIdleError: () => {},
    });
    const client = await startApp(database, new MemoryBus(logger));
    expect((await health(client)).status).toBe(200);

    proxy.stall();
    const down = await health(client);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', database: 'postgres' });
  });
});

describe.runIf(process.env.REDIS_URL)('/api/health when Redis goes down', () => {
  // Without DATABASE_URL the app's database is PGlite, opened inside the test.
  it('answers 503 with redis "error" while Redis is unreachable and 200 once it is back', {
    timeout: 60_000,
  }, async () => {
    const redisUrl = process.env.REDIS_URL as string;
    const proxy = await proxyTo(redisUrl);
    const bus = await RedisBus.connect(proxy.url(redisUrl), logger);
    const client = await startApp(await createTestDatabase(), bus);
    expect((await health(client)).body).toMatchObject({ status: 'ok', redis: 'ok' });

    await proxy.cut();
    const down = await health(client);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', redis: 'error' });
    const notReady = await ready(client);
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'not_ready', reason: 'redis_unreachable' });

    await proxy.restore();
    await expect.poll(async () => (await health(client)).status, { timeout: 15_000 }).toBe(200);
    expect((await health(client)).body).toMatchObject({ status: 'ok', redis: 'ok' });
    expect((await ready(client)).status).toBe(200);
  });

  it('answers 503 instead of waiting for a Redis that never replies', {
    timeout: 60_000,
  }, async () => {
    const redisUrl = process.env.REDIS_URL as string;
    const proxy = await proxyTo(redisUrl);
    const bus = await RedisBus.connect(proxy.url(redisUrl), logger);
    const client = await startApp(await createTestDatabase(), bus);
    expect((await health(client)).status).toBe(200);

    proxy.stall();
    const down = await health(client);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', redis: 'error' });
  });
});

describe.runIf(!process.env.DATABASE_URL)('/api/health when the embedded database is gone', () => {
  // Opening and migrating PGlite takes seconds on a loaded machine: hook time, not test time.
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });

  it('answers 503 once the PGlite handle is closed', async () => {
    const client = await startApp(database, new MemoryBus(logger));
    expect((await health(client)).status).toBe(200);
    if (database.kind !== 'pglite') throw new Error('expected PGlite');

    await database.client.close();
    const down = await health(client);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', database: 'pglite' });
  });
});
