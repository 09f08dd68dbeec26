import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { calls, companies, DEFAULT_RECORDING_RETENTION_DAYS } from '../db/schema/index.js';
import { safeError } from '../voice/runner/log-safe.js';
import type { RecordingStore } from './recording-store.js';

const SWEEP_INTERVAL_MS = 3600_000;
/** The first sweep soon after start, so nodes restarted more often than hourly still sweep. */
const FIRST_SWEEP_MS = 60_000;
const BATCH = 200;

/**
 * Deletes recordings older than their company's retention (days, counted
 * from the call's start) and clears them from their calls. Runs hourly on
 * every node; two nodes sweeping at once delete the same files, which is
 * harmless.
 */
export class RecordingRetention {
  readonly #db: Database;
  readonly #recordings: RecordingStore;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | null = null;
  #first: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: { db: Database; recordings: RecordingStore; logger: Logger }) {
    this.#db = options.db;
    this.#recordings = options.recordings;
    this.#log = options.logger;
  }

  start(intervalMs = SWEEP_INTERVAL_MS): void {
    const run = () => {
      this.#running = this.sweep().catch((err: unknown) =>
        this.#log.warn({ err: safeError(err) }, 'recording retention sweep failed'),
      );
    };
    this.#first = setTimeout(run, Math.min(FIRST_SWEEP_MS, intervalMs));
    this.#first.unref();
    this.#timer = setInterval(run, intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#first) clearTimeout(this.#first);
    if (this.#timer) clearInterval(this.#timer);
    this.#first = null;
    this.#timer = null;
    await this.#running;
  }

  /** One sweep over every company; returns how many recordings it deleted. */
  async sweep(now: Date = new Date()): Promise<number> {
    let deleted = 0;
    for (;;) {
      const expired = await this.#db
        .select({ id: calls.id, companyId: calls.companyId, key: calls.recordingPath })
        .from(calls)
        .innerJoin(companies, eq(companies.id, calls.companyId))
        .where(
          and(
            isNotNull(calls.recordingPath),
            sql`${calls.startedAt} < ${now.toISOString()}::timestamptz - make_interval(days => coalesce((${companies.settings}->'recordings'->>'retentionDays')::int, ${DEFAULT_RECORDING_RETENTION_DAYS}))`,
          ),
        )
        .limit(BATCH);
      for (const call of expired) {
        if (!call.key) continue;
        await this.#recordings.delete(call.key);
        await this.#db
          .update(calls)
          .set({ recordingPath: null, recordingDurationMs: null })
          .where(and(eq(calls.companyId, call.companyId), eq(calls.id, call.id)));
        deleted++;
      }
      if (expired.length < BATCH) break;
    }
    if (deleted > 0) this.#log.info({ recordings: deleted }, 'expired call recordings deleted');
    return deleted;
  }
}
