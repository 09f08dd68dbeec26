import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../src/server/db/schema/index.js';
import { extractPdf } from '../../../src/server/knowledge/extract/pdf.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { expectError } from '../../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';
import { seedCall } from './seed-calls.js';

const CALLS = '/api/company/calls';
const HEADER =
  'id,started_at,caller_number,caller_name,chatbot,source,direction,status,end_reason,duration_seconds,urgent,handled,intent,summary';
const TRICKY_SUMMARY = 'Said "it hurts, a lot", then:\nline two, with a comma';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let trickyId: string;
let plainId: string;

/** RFC 4180, strictly: quoted fields may hold commas, doubled quotes and newlines; nothing else is quoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        i++;
        if (![',', '\n', '\r', undefined].includes(text[i])) throw new Error(`stray quote at ${i}`);
        continue;
      }
      field += char;
      i++;
      continue;
    }
    if (char === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function download(client: ApiClient, path: string) {
  const response = await fetch(new URL(path, t.url), { headers: { cookie: client.cookieHeader } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
  const bot = await createCallChatbot(tenants.as.adminA, 'Front, desk');
  const now = Date.now();
  const tricky = await seedCall(t.db, tenants.companyA.id, {
    chatbotId: bot.id,
    source: 'twilio',
    callerId: '+15551112222',
    callerName: 'Lee, Ann',
    startedAt: new Date(now - 60_000),
    durationMs: 95_400,
    isUrgent: true,
    intent: 'Emergency',
    summary: TRICKY_SUMMARY,
    transcript: [
      ['caller', 'My tooth hurts a lot since this morning.'],
      ['agent', 'I am marking this call as urgent for the team.'],
    ],
  });
  trickyId = tricky.id;
  const plain = await seedCall(t.db, tenants.companyA.id, {
    startedAt: new Date(now - 120_000),
    status: 'failed',
    endReason: 'provider_unavailable',
    callerName: '=HYPERLINK("http://evil.example","Click")',
  });
  plainId = plain.id;
  await seedCall(t.db, tenants.companyB.id, { summary: 'Beta secret summary' });
});
afterAll(() => t?.close());

describe('GET /api/company/calls/export.csv', () => {
  it('downloads the filtered calls as CSV with quoted commas, quotes and newlines', async () => {
    const { response, bytes } = await download(tenants.as.agentA, `${CALLS}/export.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const day = new Date().toISOString().slice(0, 10);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="calls-${day}.csv"`,
    );
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]?.join(',')).toBe(HEADER);
    expect(rows.slice(1).map((row) => row[0])).toEqual([trickyId, plainId]);
    const record = Object.fromEntries(HEADER.split(',').map((name, i) => [name, rows[1]?.[i]]));
    expect(record).toMatchObject({
      caller_number: '+15551112222',
      caller_name: 'Lee, Ann',
      chatbot: 'Front, desk',
      source: 'twilio',
      direction: 'inbound',
      status: 'completed',
      duration_seconds: '95',
      urgent: 'true',
      handled: 'false',
      intent: 'Emergency',
      summary: TRICKY_SUMMARY,
    });
    expect(rows[2]?.[HEADER.split(',').indexOf('end_reason')]).toBe('provider_unavailable');
    // A caller-given name a spreadsheet would run as a formula is opened as text.
    expect(rows[2]?.[HEADER.split(',').indexOf('caller_name')]).toBe(
      `'=HYPERLINK("http://evil.example","Click")`,
    );
    expect(rows.every((row) => row.length === 14)).toBe(true);
  });

  it('applies the list filters, and holds none of another company’s calls', async () => {
    const failed = await download(tenants.as.agentA, `${CALLS}/export.csv?status=failed`);
    const rows = parseCsv(new TextDecoder().decode(failed.bytes));
    expect(rows.slice(1).map((row) => row[0])).toEqual([plainId]);
    const mine = await download(tenants.as.adminB, `${CALLS}/export.csv`);
    const text = new TextDecoder().decode(mine.bytes);
    expect(text).toContain('Beta secret summary');
    expect(text).not.toContain(trickyId);
    expectError(
      await tenants.as.agentA.get(`${CALLS}/export.csv?source=fax`),
      400,
      'validation_error',
    );
  });

  it('exports every call across its database batches exactly once', async () => {
    const company = await createCompany(t.db, { callEnabled: true });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const client = await login(t, admin.email);
    const count = 2345;
    const inserted = await t.db
      .insert(calls)
      .values(
        Array.from({ length: count }, (_, i) => ({
          companyId: company.id,
          source: 'web' as const,
          startedAt: new Date(Date.now() - (i % 50) * 1000),
        })),
      )
      .returning({ id: calls.id });
    const { bytes } = await download(client, `${CALLS}/export.csv`);
    const ids = parseCsv(new TextDecoder().decode(bytes))
      .slice(1)
      .map((row) => row[0]);
    expect(ids).toHaveLength(count);
    expect(new Set(ids)).toEqual(new Set(inserted.map((row) => row.id)));
  });
});

describe('GET /api/company/calls/:id/export.pdf', () => {
  it('downloads the call’s details and full transcript as a PDF', async () => {
    const { response, bytes } = await download(
      tenants.as.agentA,
      `${CALLS}/${trickyId}/export.pdf`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="call-.+\.pdf"$/,
    );
    const text = (await extractPdf(bytes, 100_000)).replace(/\s+/g, ' ');
    for (const expected of [
      'Lee, Ann +15551112222',
      'Emergency',
      'My tooth hurts a lot since this morning.',
      'I am marking this call as urgent for the team.',
      'line two, with a comma',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("answers 404 for another company's call", async () => {
    expectError(await tenants.as.adminB.get(`${CALLS}/${trickyId}/export.pdf`), 404, 'not_found');
  });
});
