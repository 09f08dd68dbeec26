import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.js';
import { calls } from '../../src/server/db/schema/index.js';
import { DEMO_CHATBOT_PUBLIC_ID } from '../../src/server/seed/demo.js';
import { CallClient } from '../server/voice/browser-gateway-client.js';
import { ApiClient } from './api-client.js';
import { createDatabaseCopy } from './postgres.js';
import { type ServerProcess, spawnServer, waitForOutput } from './server-process.js';

/**
 * Where a spawned server keeps its data: a PGlite directory by default, a
 * fresh copy of the migrated template when DATABASE_URL is set. Survives the
 * server, so a test can restart it or read its rows after it exited.
 */
export async function createServerStore() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-proc-'));
  const baseUrl = process.env.DATABASE_URL;
  const copy = baseUrl ? await createDatabaseCopy(baseUrl) : null;
  const env: Record<string, string> = { BUZZI_DATA_DIR: dataDir };
  if (copy) env.DATABASE_URL = copy.url;
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  return {
    env,
    /** Reads the database the server left behind (PGlite only once it has exited). */
    async read<T>(query: (db: Database) => Promise<T>): Promise<T> {
      const database = await openDatabase(
        copy
          ? { kind: 'postgres', url: copy.url }
          : { kind: 'pglite', dataDir: path.join(dataDir, 'data') },
      );
      try {
        return await query(database.db);
      } finally {
        await database.close();
      }
    },
    async remove() {
      await copy?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function readCall(store: ServerStore, callId: string) {
  const [row] = await store.read((db) => db.select().from(calls).where(eq(calls.id, callId)));
  return row;
}

export type ServerStore = Awaited<ReturnType<typeof createServerStore>>;

export async function startServer(env: Record<string, string>) {
  const server = spawnServer(env);
  const [, baseUrl] = await waitForOutput(server, /Dashboard\s+(http:\/\/\S+?)\/\s/);
  return { server, baseUrl: baseUrl as string };
}

/** A visitor's call to the demo chatbot (the local voice engine), up to `call.started`. */
export async function callDemoChatbot(baseUrl: string) {
  const session = await new ApiClient(baseUrl).post<{
    sessionId: string;
    token: string;
    wsUrl: string;
    outputSampleRate: number;
  }>('/api/widget/call/session', { chatbotId: DEMO_CHATBOT_PUBLIC_ID });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const { wsUrl, token, outputSampleRate } = session.body;
  const client = await CallClient.connect(
    `${wsUrl}?token=${encodeURIComponent(token)}`,
    outputSampleRate,
  );
  const started = await client.waitFor('call.started', () => true, 30_000);
  return { client, callId: started.callId as string };
}

/** Resolves with the exit code, or rejects when the process is still running after `withinMs`. */
export async function exitWithin(server: ServerProcess, withinMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`server still running after ${withinMs} ms:\n${server.output()}`)),
      withinMs,
    );
  });
  try {
    return await Promise.race([server.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}
