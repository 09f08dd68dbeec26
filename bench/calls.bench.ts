import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/client.js';
import { ApiClient } from '../test/helpers/api-client.js';
import { createCompany, createUser, TEST_PASSWORD } from '../test/helpers/fixtures.js';
import { SOURCE_SERVER, spawnServer, waitForOutput } from '../test/helpers/server-process.js';
import { withThrowawayPostgres } from './databases.js';
import { summarize, time } from './stats.js';

const CALL_COUNT = 100_000;
const LINES_PER_CALL = 20;
const ITERATIONS = 200;
const TARGET_P95_MS = { list: 50, stats: 100 };
const RSS_SAMPLE_MS = 10;

/**
 * The Calls page's reads at scale: 100k calls over 30 days and 2M transcript
 * lines in one company on PostgreSQL, a real server process, real HTTP.
 */
export async function callsBench() {
  if (!process.env.DATABASE_URL) {
    return {
      skipped: 'needs PostgreSQL: set DATABASE_URL (the Calls API targets are for PostgreSQL)',
    };
  }
  return withThrowawayPostgres(async ({ db }, url) => {
    const seedStart = performance.now();
    const { agentEmail } = await seedCalls(db);
    const seedMs = Math.round(performance.now() - seedStart);

    const dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-calls-bench-'));
    try {
      return await measure(url, dataDir, agentEmail, seedMs);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}

async function measure(url: string, dataDir: string, agentEmail: string, seedMs: number) {
  const figures = await withServer(
    url,
    dataDir,
    agentEmail,
    SOURCE_SERVER,
    async ({ client, pid }) => ({
      listMs: await listLatencies(client),
      statsMs: {
        last30Days: summarize(
          await time(() => expectOk(client, '/api/company/calls/stats'), ITERATIONS),
        ),
      },
      csvExport: {
        '10k': await csvExport(client, pid, `from=${daysAgo(3)}`),
        '100k': await csvExport(client, pid, ''),
        // Growth left by garbage the first run has not collected yet does not add up.
        '100kAgain': await csvExport(client, pid, ''),
      },
    }),
  );
  const csvExportWithHeapCapped = await withServer(
    url,
    dataDir,
    agentEmail,
    CAPPED_HEAP,
    (capped) => csvExport(capped.client, capped.pid, ''),
  );
  return {
    calls: CALL_COUNT,
    transcriptLines: CALL_COUNT * LINES_PER_CALL,
    seedMs,
    targetsP95Ms: TARGET_P95_MS,
    ...figures,
    csvExportWithHeapCapped,
  };
}

/**
 * A V8 heap this small could not hold 100k calls: an export that completes
 * under it streams them.
 */
const CAPPED_HEAP = ['--max-old-space-size=160', ...SOURCE_SERVER];

async function withServer<T>(
  url: string,
  dataDir: string,
  email: string,
  nodeArgs: string[],
  work: (server: { client: ApiClient; pid: number }) => Promise<T>,
): Promise<T> {
  const server = spawnServer({ DATABASE_URL: url, BUZZI_DATA_DIR: dataDir }, nodeArgs);
  try {
    const [, baseUrl] = await waitForOutput(server, /Dashboard\s+(http:\/\/\S+?)\/\s/);
    const client = new ApiClient(String(baseUrl));
    const signedIn = await client.post('/api/auth/login', { email, password: TEST_PASSWORD });
    if (signedIn.status !== 200) throw new Error(`login failed: ${JSON.stringify(signedIn.body)}`);
    const pid = server.child.pid;
    if (!pid) throw new Error('server has no pid');
    return await work({ client, pid });
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

async function expectOk(client: ApiClient, route: string) {
  const res = await client.get(route);
  if (res.status !== 200) throw new Error(`${route}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function listLatencies(client: ApiClient) {
  const LIST = '/api/company/calls';
  const first = (await expectOk(client, `${LIST}?limit=25`)) as { nextCursor: string };
  const queries: Record<string, string> = {
    newest: '',
    page2: `cursor=${first.nextCursor}`,
    needsAttention: 'attention=true',
    phoneUnhandled: 'source=phone&handled=false',
    lastWeek: `from=${daysAgo(7)}&to=${new Date().toISOString()}`,
    longest: 'sort=longest',
    searchTranscriptWord: 'q=kaiser',
    searchSummaryWord: 'q=crown',
    searchName: `q=${encodeURIComponent('Priya Natarajan')}`,
    searchNumberDigits: `q=${encodeURIComponent('(555) 001-2345')}`,
    searchWithFilters: 'q=insurance&source=phone&handled=false',
  };
  const results: Record<string, ReturnType<typeof summarize> & { rows: number }> = {};
  for (const [name, query] of Object.entries(queries)) {
    const route = `${LIST}?limit=25&${query}`;
    const body = (await expectOk(client, route)) as { calls: unknown[] };
    results[name] = {
      ...summarize(await time(() => expectOk(client, route), ITERATIONS)),
      rows: body.calls.length,
    };
  }
  return results;
}

/** The resident set of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** Streams the CSV as a browser would, sampling the server's RSS while it runs. */
async function csvExport(client: ApiClient, pid: number, query: string) {
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, RSS_SAMPLE_MS);
  const start = performance.now();
  const response = await fetch(new URL(`/api/company/calls/export.csv?${query}`, client.baseUrl), {
    headers: { cookie: client.cookieHeader },
  });
  let bytes = 0;
  let lines = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    bytes += read.value.length;
    for (const byte of read.value) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  return {
    status: response.status,
    newlines: lines,
    megabytes: Number((bytes / 2 ** 20).toFixed(1)),
    durationMs: Math.round(performance.now() - start),
    serverRssBeforeMiB: Math.round(before),
    serverRssPeakMiB: Math.round(peak),
    serverRssGrowthMiB: Math.round(peak - before),
  };
}

/**
 * 100k calls spread over the last 30 days (one every ~26 s) and 20 lines of
 * transcript each, written by PostgreSQL itself: a few INSERT … SELECT
 * generate_series statements instead of 2M round trips.
 */
async function seedCalls(db: Database) {
  const company = await createCompany(db, { callEnabled: true });
  const agent = await createUser(db, {
    memberships: [{ companyId: company.id, role: 'support_agent' }],
  });
  const companyId = company.id;
  await db.execute(sql`
    insert into calls (company_id, source, status, end_reason, caller_id, caller_name, direction,
      started_at, answered_at, ended_at, duration_ms, summary, intent, is_urgent, is_handled, handled_at)
    select ${companyId}::uuid,
      (array['web','twilio','twilio','whatsapp'])[1 + i % 4]::call_source,
      (case when i % 97 = 0 then 'failed' when i % 89 = 0 then 'no_answer' else 'completed' end)::call_status,
      case when i % 41 = 0 then 'escalated' when i % 43 = 0 then 'transferred' else 'caller_ended' end,
      case when i % 4 = 3 then null else '+1555' || lpad((i % 50000)::text, 7, '0') end,
      case when i % 4 = 3 then null
        else (array['Priya','John','Maria','Chen','Ahmed','Olga','Kofi','Lucia'])[1 + i % 8] || ' ' ||
          (array['Natarajan','Smith','Lopez','Wei','Haddad','Ivanova','Mensah','Rossi','Brown'])[1 + i % 9] end,
      'inbound',
      now() - make_interval(secs => i * 26),
      now() - make_interval(secs => i * 26),
      now() - make_interval(secs => i * 26) + make_interval(secs => (i * 7919) % 600),
      ((i * 7919) % 600) * 1000,
      (array['Asked about opening hours on Saturday.',
             'Wants to book a cleaning next week.',
             'Question about a crown that came loose.',
             'Billing question about the last invoice.',
             'Asked whether their insurance is accepted.',
             'Reported severe pain after an extraction.',
             'Wanted to reschedule an appointment.'])[1 + i % 7],
      (array['Hours/location','Appointment','Other','Billing/insurance','Billing/insurance','Emergency','Appointment'])[1 + i % 7],
      i % 7 = 5,
      i % 3 = 0,
      case when i % 3 = 0 then now() - make_interval(secs => i * 26) + interval '1 hour' end
    from generate_series(1, ${CALL_COUNT}) as i`);
  await db.execute(sql`
    insert into call_transcripts (company_id, call_id, seq, speaker, text, start_ms, end_ms)
    select c.company_id, c.id, n,
      (case when n % 2 = 1 then 'caller' else 'agent' end)::speaker,
      case when n = 3 and hashtext(c.id::text) % 100 = 0 then 'Do you take Kaiser insurance plans?'
        else (array['Hello, I am calling about my appointment.',
                    'Sure, let me check the schedule for you.',
                    'Is there anything available on Tuesday morning?',
                    'We have Tuesday at ten or Thursday at two.',
                    'Tuesday works, thank you very much.',
                    'You are booked, is there anything else?'])[1 + n % 6] end,
      n * 3000, n * 3000 + 2500
    from calls c cross join generate_series(1, ${LINES_PER_CALL}) as n
    where c.company_id = ${companyId}`);
  await db.execute(sql`
    insert into tickets (company_id, call_id, phone, message)
    select company_id, id, coalesce(caller_id, ''), 'Please call me back.'
    from calls where company_id = ${companyId} and hashtext(id::text) % 60 = 0`);
  // What autovacuum does to a live database soon after such a load: statistics, and the
  // full-text indexes' pending lists merged (every search scans them until then).
  for (const table of ['calls', 'call_transcripts', 'tickets', 'escalations']) {
    await db.execute(sql.raw(`vacuum analyze ${table}`));
  }
  return { agentEmail: agent.email };
}
