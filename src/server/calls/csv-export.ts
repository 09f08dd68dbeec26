import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/client.js';
import type { CallFilters } from './call-filters.js';
import { callPage } from './call-list.js';
import { type CallListItem, loadCallListItems } from './call-list-item.js';

/** Rows fetched per round trip: memory stays flat however many calls match. */
const EXPORT_BATCH = 1000;

export const CSV_COLUMNS = [
  'id',
  'started_at',
  'caller_number',
  'caller_name',
  'chatbot',
  'source',
  'direction',
  'status',
  'end_reason',
  'duration_seconds',
  'urgent',
  'handled',
  'intent',
  'summary',
] as const;

const E164 = /^\+\d{1,15}$/;

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
 * the start) gets a leading apostrophe: caller names and summaries come from
 * callers. A phone number in E.164 is left as it is.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !E164.test(text) ? `'${text}` : text;
}

function csvRecord(call: CallListItem): Array<string | number | boolean> {
  return [
    call.id,
    call.startedAt.toISOString(),
    spreadsheetSafe(call.callerId ?? ''),
    spreadsheetSafe(call.callerName ?? ''),
    spreadsheetSafe(call.chatbotName ?? ''),
    call.source,
    call.direction,
    call.status,
    call.endReason ?? '',
    call.durationMs === null ? '' : Math.round(call.durationMs / 1000),
    call.isUrgent,
    call.isHandled,
    spreadsheetSafe(call.intent ?? ''),
    spreadsheetSafe(call.summary ?? ''),
  ];
}

/**
 * The filtered calls as CSV, newest first, read in keyset batches as the
 * response drains, so a client that reads slowly holds the next query back.
 */
export function exportCallsCsv(
  db: Database,
  tenant: { companyId: string },
  filters: CallFilters,
): Readable {
  async function* lines() {
    yield stringify([[...CSV_COLUMNS]]);
    let cursor: string | undefined;
    do {
      const page = await callPage(
        db,
        tenant.companyId,
        { ...filters, sort: 'newest' },
        EXPORT_BATCH,
        cursor,
      );
      if (page.rows.length > 0) {
        const ids = page.rows.map((row) => row.id);
        const batch = await loadCallListItems(db, tenant, ids);
        yield stringify(batch.map(csvRecord), { cast: { boolean: String } });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return Readable.from(lines(), { objectMode: false });
}
