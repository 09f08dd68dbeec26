import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import type { EventBus } from './bus/event-bus.js';
import { MemoryBus } from './bus/memory-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { ConfigError, loadConfig } from './config.js';
import { loadEncryptionKey } from './crypto/encryption-key.js';
import { SecretBox } from './crypto/secret-box.js';
import { openDatabase } from './db/client.js';
import { MigrationError, runMigrations } from './db/migrate.js';
import { createLogger } from './logger.js';
import { seedCatalog } from './seed/catalog.js';
import { demoAccounts, seedDemoTenant } from './seed/demo.js';
import { resolveDemoPassword } from './seed/demo-password.js';
import { printBanner } from './start-banner.js';

const dashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dashboard');

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });

  const { key, source: keySource } = await loadEncryptionKey(config.encryptionKey, config.dataDir);
  if (keySource === 'generated') {
    logger.warn(
      { file: path.join(config.dataDir, 'encryption.key') },
      'generated a new encryption key; back it up or set ENCRYPTION_KEY',
    );
  }

  const database = await openDatabase(
    config.databaseUrl
      ? {
          kind: 'postgres',
          url: config.databaseUrl,
          onIdleError: (err) => logger.warn({ err: err.message }, 'database connection lost'),
        }
      : { kind: 'pglite', dataDir: path.join(config.dataDir, 'data') },
  );
  await runMigrations(database);
  await seedCatalog(database.db);

  let demo: { password: string | null; created: boolean } | null = null;
  if (config.seedDemo) {
    const { password, source } = await resolveDemoPassword(config.demoPassword, config.dataDir);
    const created = await seedDemoTenant(database.db, password);
    // A password file written now cannot be the one an existing demo tenant was created with.
    demo = { password: created || source !== 'generated' ? password : null, created };
  }

  const bus: EventBus = config.redisUrl
    ? await RedisBus.connect(config.redisUrl, logger)
    : new MemoryBus(logger);
  const app = await buildApp({
    config,
    database,
    bus,
    secretBox: new SecretBox(key),
    logger,
    dashboardDir,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs + 5000);
    force.unref();
    await app.close();
    await bus.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  printBanner({
    baseUrl: config.publicUrl ?? `http://localhost:${port}`,
    database: database.kind,
    redis: bus.kind === 'redis',
    demo: demo ? { ...demo, accounts: demoAccounts } : null,
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MigrationError) {
    process.stderr.write(`\n✖ ${error.message}\n\n`);
  } else {
    process.stderr.write(
      `\n✖ Buzzi failed to start: ${error instanceof Error ? error.stack : String(error)}\n\n`,
    );
  }
  process.exit(1);
});
