import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/server/app.js';
import { RedisBus } from '../../src/server/bus/redis-bus.js';
import { loadConfig } from '../../src/server/config.js';
import { SecretBox } from '../../src/server/crypto/secret-box.js';
import { type Database, type DatabaseHandle, openDatabase } from '../../src/server/db/client.js';
import { seedCatalog } from '../../src/server/seed/catalog.js';
import { createDatabaseCopy } from './postgres.js';

export type Node = { url: string; app: FastifyInstance; database: DatabaseHandle; bus: RedisBus };

/**
 * Two production apps behind an imaginary load balancer: one PostgreSQL
 * database (each node with its own pool), one Redis, one encryption key.
 * Needs DATABASE_URL and REDIS_URL; `env` adds configuration (provider base URLs).
 */
export async function startTwoNodes(env: Record<string, string> = {}): Promise<{
  nodes: [Node, Node];
  db: Database;
  close(): Promise<void>;
}> {
  const baseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!baseUrl || !redisUrl) throw new Error('Two nodes need DATABASE_URL and REDIS_URL');
  const copy = await createDatabaseCopy(baseUrl);
  const key = randomBytes(32);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config = loadConfig({
    BUZZI_DATA_DIR: '/tmp/buzzi-test-unused',
    LOG_LEVEL: 'silent',
    ...env,
  });

  const startNode = async (): Promise<Node> => {
    const database = await openDatabase({ kind: 'postgres', url: copy.url });
    const bus = await RedisBus.connect(redisUrl, logger);
    const app = await buildApp({ config, database, bus, secretBox: new SecretBox(key), logger });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url, app, database, bus };
  };
  const first = await startNode();
  await seedCatalog(first.database.db);
  const second = await startNode();
  return {
    nodes: [first, second],
    db: first.database.db,
    close: async () => {
      for (const node of [first, second]) {
        await node.app.close();
        await node.bus.close();
        await node.database.close();
      }
      await copy.drop();
    },
  };
}
