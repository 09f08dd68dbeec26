import { randomBytes } from 'node:crypto';
import type { FastifyInstance, RouteOptions } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from '../../src/server/app.js';
import type { EventBus } from '../../src/server/bus/event-bus.js';
import { MemoryBus } from '../../src/server/bus/memory-bus.js';
import { RedisBus } from '../../src/server/bus/redis-bus.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import { SecretBox } from '../../src/server/crypto/secret-box.js';
import type { DatabaseHandle } from '../../src/server/db/client.js';
import { seedCatalog } from '../../src/server/seed/catalog.js';
import { ApiClient } from './api-client.js';
import { createTestDatabase } from './test-database.js';

export type TestApp = {
  app: FastifyInstance;
  url: string;
  database: DatabaseHandle;
  db: DatabaseHandle['db'];
  bus: EventBus;
  config: Config;
  /** The app's own, to read or seal stored credentials as the server does. */
  secretBox: SecretBox;
  /** A client with its own cookie jar, as a separate browser would be. */
  client(): ApiClient;
  close(): Promise<void>;
};

/**
 * The production app on a real port with this file's own database and, when
 * REDIS_URL is set, the real Redis bus.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    dashboardDir?: string;
    onRoute?: (route: RouteOptions) => void;
    /** Where the app logs; silent (or TEST_LOG_LEVEL) by default. */
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({
    BUZZI_DATA_DIR: '/tmp/buzzi-test-unused',
    LOG_LEVEL: 'silent',
    // Most test apps never place a local call; those that do start the engine on their first.
    LOCAL_VOICE_WARM_START: 'false',
    ...env,
  });
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const database = await createTestDatabase();
  await seedCatalog(database.db);
  const bus: EventBus = process.env.REDIS_URL
    ? await RedisBus.connect(process.env.REDIS_URL, logger)
    : new MemoryBus(logger);
  const secretBox = new SecretBox(randomBytes(32));
  const app = await buildApp({
    config,
    database,
    bus,
    secretBox,
    logger,
    dashboardDir: options.dashboardDir,
    onRoute: options.onRoute,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    database,
    db: database.db,
    bus,
    config,
    secretBox,
    client: () => new ApiClient(url),
    close: async () => {
      await app.close();
      await bus.close();
      await database.close();
    },
  };
}
