import type { Logger } from 'pino';
import type { Guards } from './auth/guards.js';
import type { EventBus } from './bus/event-bus.js';
import type { Config } from './config.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { Database, DatabaseKind } from './db/client.js';

/** What route modules get: built once in app.ts, never read from the environment. */
export type AppDeps = {
  config: Config;
  db: Database;
  databaseKind: DatabaseKind;
  bus: EventBus;
  secretBox: SecretBox;
  guards: Guards;
  logger: Logger;
  secureCookies: boolean;
};
