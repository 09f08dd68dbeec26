import { readFileSync } from 'node:fs';
import { and, eq, gte } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callTranscripts } from '../../src/server/db/schema/index.js';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import { createLocalCallBot } from '../helpers/local-call-bot.js';
import type { TestApp } from '../helpers/test-app.js';
import { type SeedCall, seedCall } from '../server/calls/seed-calls.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';
import { microphoneWav, requireBuiltWidget } from './widget-world.js';

// Seeded calls for the list, counts, filters and details; then a live call placed
// from the widget's demo page with Chromium's fake microphone (the local voice engine answers).

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

describe('the Calls page', () => {
  let t: TestApp;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;
  let bot: { id: string; publicId: string };
  const now = Date.now();
  const seeded: Record<string, string> = {};

  async function seed(name: string, call: SeedCall) {
    const row = await seedCall(t.db, tenants.companyA.id, {
      chatbotId: bot.id,
      source: 'twilio',
      ...call,
    });
    seeded[name] = row.id;
  }

  beforeAll(async () => {
    requireBuiltWidget();
    t = await startDashboardApp();
    tenants = await createTenants(t, { callEnabled: true });
    bot = await createLocalCallBot(t, tenants.as.adminA, {
      call: { greeting: 'Hello, Alpha Dental.' },
    });
    const ago = (ms: number) => new Date(now - ms);
    await seed('maria', {
      callerName: 'Maria Lopez',
      callerId: '+15551234567',
      startedAt: ago(2 * 60 * MINUTE_MS + 5 * MINUTE_MS),
      durationMs: 215_000,
      endReason: 'caller_hangup',
      summary: 'Asked what teeth whitening costs and booked a consultation.',
      intent: 'Appointment',
      // The Kaiser question at the end got no answer.
      answered: false,
      transcript: [
        ['agent', 'Hello, Alpha Dental.'],
        ['caller', 'How much is teeth whitening?'],
        ['agent', 'Whitening starts at two hundred dollars and'],
        ['caller', 'Do you take Kaiser insurance?'],
      ],
    });
    // The caller spoke over the agent's third line.
    await t.db
      .update(callTranscripts)
      .set({ interrupted: true })
      .where(and(eq(callTranscripts.callId, seeded.maria ?? ''), eq(callTranscripts.seq, 3)));
    await seed('mariaBefore', {
      callerName: 'Maria Lopez',
      callerId: '+15551234567',
      startedAt: ago(5 * DAY_MS),
      durationMs: 180_000,
      summary: 'Asked for the opening hours.',
      intent: 'Hours/location',
    });
    await seed('urgent', {
      callerId: '+15559876543',
      startedAt: ago(30 * MINUTE_MS),
      durationMs: 65_000,
      summary: 'Severe pain and bleeding after an extraction.',
      intent: 'Emergency',
      isUrgent: true,
    });
    await seed('web', {
      source: 'web',
      startedAt: ago(DAY_MS),
      durationMs: 120_000,
      summary: 'Asked whether there is parking.',
      isHandled: true,
      handledAt: ago(DAY_MS),
    });
    await seed('whatsapp', {
      source: 'whatsapp',
      callerId: '442079460958',
      status: 'failed',
      endReason: 'provider_error',
      startedAt: ago(10 * DAY_MS),
      durationMs: 20_000,
    });
    await seed('lastQuarter', {
      callerId: '+15550001111',
      startedAt: ago(40 * DAY_MS),
      durationMs: 60_000,
      summary: 'Asked about braces.',
    });

    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphoneWav('What are your business hours?')}`,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The Calls page in a browser of its own, signed in as the company's admin or agent. */
  const openCalls = async (email = tenants.users.adminA.email) => {
    const context = await browser.newContext({ timezoneId: 'UTC' });
    const page = await signIn(context, t.url, email, TEST_PASSWORD);
    await page.goto(`${t.url}/calls`);
    return page;
  };
  const cards = (page: Page) => page.getByRole('list', { name: 'Calls' }).getByRole('article');
  const card = (page: Page, caller: string) =>
    page.getByRole('article', { name: `Call from ${caller}` });
  const kpi = (page: Page, name: string) => page.getByRole('region', { name });
  const cardCallers = async (page: Page) =>
    (await cards(page).evaluateAll((all) => all.map((a) => a.getAttribute('aria-label')))).map(
      (label) => label?.replace('Call from ', ''),
    );
  const showTab = async (page: Page, name: string) => {
    await page.getByRole('tab', { name }).click();
    await expect.poll(() => page.getByRole('tab', { name, selected: true }).count()).toBe(1);
  };
  const download = async (page: Page, link: Locator) => {
    const started = page.waitForEvent('download');
    await link.click();
    return readFileSync(await (await started).path(), 'latin1');
  };
  const settled = (page: Page) =>
    expect.poll(() => page.getByRole('status').filter({ hasText: 'Loading' }).count()).toBe(0);

  it('counts, lists, filters and searches the calls of the date range', async () => {
    const page = await openCalls();

    // Five calls in the last 30 days against one in the 30 days before.
    await expect.poll(() => kpi(page, 'Total Calls').textContent()).toContain('5');
    expect(await kpi(page, 'Total Calls').textContent()).toContain('+400%');
    const midnightUtc = new Date(now).setUTCHours(0, 0, 0, 0);
    const today = [2 * 60 + 5, 30].filter((m) => now - m * MINUTE_MS >= midnightUtc).length;
    expect(await kpi(page, 'Calls Today').getByTestId('kpi-value').textContent()).toBe(
      String(today),
    );
    expect(await kpi(page, 'Needs Attention').getByTestId('kpi-value').textContent()).toBe('1');
    expect(await page.getByRole('tab', { name: 'Needs Attention' }).textContent()).toBe(
      'Needs Attention1',
    );
    // (215 + 180 + 65 + 120 + 20) s / 5
    expect(await kpi(page, 'Avg Duration').getByTestId('kpi-value').textContent()).toBe('2m');

    await settled(page);
    expect(await cardCallers(page)).toEqual([
      '(555) 987-6543',
      'Maria Lopez',
      'Web visitor',
      'Maria Lopez',
      '+44 20 7946 0958',
    ]);
    const maria = card(page, 'Maria Lopez').first();
    const mariaText = await maria.textContent();
    for (const shown of [
      '(555) 123-4567',
      '2 hours ago',
      '3m 35s',
      'Completed',
      'Asked what teeth whitening costs',
      'Appointment',
      'Not answered',
    ]) {
      expect(mariaText).toContain(shown);
    }
    expect(await card(page, 'Web visitor').textContent()).not.toContain('Not answered');
    expect(await card(page, '+44 20 7946 0958').textContent()).toContain('Failed');
    expect(await card(page, '(555) 987-6543').textContent()).toContain('Urgent');

    await showTab(page, 'Needs Attention');
    await expect.poll(() => cardCallers(page)).toEqual(['(555) 987-6543']);
    await showTab(page, 'Handled');
    await expect.poll(() => cardCallers(page)).toEqual(['Web visitor']);
    await showTab(page, 'In Progress');
    await page.getByText('No calls under In Progress').waitFor();
    await showTab(page, 'All Calls');

    const search = page.getByRole('searchbox', { name: 'Search calls' });
    await search.fill('whitening');
    await expect.poll(() => cardCallers(page)).toEqual(['Maria Lopez']);
    await search.fill('Kaiser'); // said in the transcript only
    await expect.poll(() => cardCallers(page)).toEqual(['Maria Lopez']);
    await search.fill('987-65');
    await expect.poll(() => cardCallers(page)).toEqual(['(555) 987-6543']);
    await search.fill('orthodontics');
    await page.getByText('No calls match your search').waitFor();
    await search.fill('');

    await page.getByRole('combobox', { name: 'Date range' }).click();
    await page.getByRole('option', { name: 'Last 90 days' }).click();
    await expect.poll(() => cards(page).count()).toBe(6);
    await expect
      .poll(() => kpi(page, 'Total Calls').getByTestId('kpi-value').textContent())
      .toBe('6');

    // The export holds what the page shows: the tab's calls of the date range.
    await showTab(page, 'Needs Attention');
    const csv = await download(page, page.getByRole('link', { name: 'Export CSV' }));
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toMatch(/^id,started_at,caller_number,/);
    expect(rows).toEqual([expect.stringContaining('Severe pain and bleeding')]);
    await page.context().close();
  });

  it('opens a call with its transcript and caller history, and keeps it marked handled', async () => {
    const page = await openCalls();
    await settled(page);
    await card(page, 'Maria Lopez').first().getByRole('button', { name: 'Maria Lopez' }).click();
    const details = page.getByRole('dialog', { name: 'Maria Lopez' });
    const transcript = details.getByRole('log', { name: 'Transcript' });
    await transcript.waitFor();
    expect(await transcript.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^0:00\s+Agent\s+Hello, Alpha Dental\.$/),
      expect.stringMatching(/^0:03\s+Caller\s+How much is teeth whitening\?$/),
      expect.stringMatching(
        /^0:06\s+Agent\s+Whitening starts at two hundred dollars and\s*— interrupted$/,
      ),
      expect.stringMatching(/^0:09\s+Caller\s+Do you take Kaiser insurance\?$/),
    ]);
    const detailsText = await details.textContent();
    expect(detailsText).toContain('Caller hangup');
    expect(detailsText).toContain('Asked for the opening hours.'); // the earlier call
    const pdf = await download(page, details.getByRole('link', { name: 'Download PDF' }));
    expect(pdf.startsWith('%PDF-')).toBe(true);

    await details.getByRole('textbox', { name: 'Notes' }).fill('Booked for Tuesday 10 am.');
    await details.getByRole('button', { name: 'Save notes' }).click();
    await page.getByText('Notes saved', { exact: true }).waitFor();

    await details.getByRole('button', { name: 'Mark handled' }).click();
    await details.getByRole('button', { name: 'Mark unhandled' }).waitFor();
    await details.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await settled(page);
    const reloaded = card(page, 'Maria Lopez').first();
    expect(await reloaded.textContent()).toContain('Handled');
    expect(await reloaded.getByRole('button', { name: 'Mark unhandled' }).count()).toBe(1);
    const [stored] = await t.db
      .select({ isHandled: calls.isHandled, notes: calls.notes })
      .from(calls)
      .where(eq(calls.id, seeded.maria ?? ''));
    expect(stored).toEqual({ isHandled: true, notes: 'Booked for Tuesday 10 am.' });
    await page.context().close();
  });

  it('shows an urgent call under Needs Attention until it is handled, and undoes a change the server refused', async () => {
    const page = await openCalls();
    await showTab(page, 'Needs Attention');
    const urgent = card(page, '(555) 987-6543');
    await urgent.waitFor();
    expect(await urgent.getByText('Urgent').count()).toBe(1);

    // The connection drops as a call is marked handled: the card goes back to how it was.
    await showTab(page, 'All Calls');
    const whatsapp = card(page, '+44 20 7946 0958');
    await page.route('**/api/company/calls/*', (route) =>
      route.request().method() === 'PATCH' ? route.abort() : route.continue(),
    );
    await whatsapp.getByRole('button', { name: 'Mark handled' }).click();
    await page.getByText('Could not mark the call handled', { exact: true }).waitFor();
    await page.unroute('**/api/company/calls/*');
    expect(await whatsapp.getByRole('button', { name: 'Mark handled' }).count()).toBe(1);
    expect(await whatsapp.getByText('Handled', { exact: true }).count()).toBe(0);

    await showTab(page, 'Needs Attention');
    await urgent.getByRole('button', { name: 'Mark handled' }).click();
    await page.getByText('No calls under Needs Attention').waitFor();
    await expect
      .poll(() => kpi(page, 'Needs Attention').getByTestId('kpi-value').textContent())
      .toBe('0');
    expect(await page.getByRole('tab', { name: 'Needs Attention' }).textContent()).toBe(
      'Needs Attention',
    );
    await page.context().close();
  });

  it('lets only company admins delete a call, after asking', async () => {
    const agentPage = await openCalls(tenants.users.agentA.email);
    await card(agentPage, 'Web visitor').getByRole('button', { name: 'Web visitor' }).click();
    const agentDetails = agentPage.getByRole('dialog', { name: 'Web visitor' });
    await agentDetails.getByText('Nothing was said on this call.').waitFor();
    expect(await agentPage.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await agentPage.context().close();

    const page = await openCalls();
    await card(page, 'Web visitor').getByRole('button', { name: 'Web visitor' }).click();
    await page
      .getByRole('dialog', { name: 'Web visitor' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page
      .getByRole('alertdialog', { name: 'Delete this call?' })
      .getByRole('button', { name: 'Delete call' })
      .click();
    await page.getByText('Call deleted', { exact: true }).waitFor();
    await expect.poll(() => card(page, 'Web visitor').count()).toBe(0);
    expect(
      await t.db
        .select()
        .from(calls)
        .where(eq(calls.id, seeded.web ?? '')),
    ).toEqual([]);
    await page.context().close();
  });

  it('shows a live web call as it happens and streams its transcript into the open details', async () => {
    const page = await openCalls();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await settled(page);
    const before = await cards(page).count();

    const visitor = await browser.newContext({ permissions: ['microphone'] });
    const widget = await visitor.newPage();
    await widget.goto(`${t.url}/demo/${bot.publicId}`);
    await widget.getByRole('button', { name: 'Call us' }).click();
    await widget.getByRole('button', { name: 'Start Call' }).click();

    // No reload from here on.
    const live = cards(page).filter({ hasText: 'In Progress' });
    await live.waitFor({ timeout: 20_000 });
    expect(await cards(page).count()).toBe(before + 1);
    expect(await live.textContent()).toContain('Web visitor');
    await live.getByRole('button', { name: 'Web visitor' }).click();
    const details = page.getByRole('dialog', { name: 'Web visitor' });
    await details.getByRole('heading', { name: 'Live transcript' }).waitFor();
    const transcript = details.getByRole('log', { name: 'Transcript' });
    await expect
      .poll(() => transcript.textContent(), { timeout: 60_000 })
      .toMatch(/Caller\s*what are your business hours/i);
    await expect
      .poll(() => transcript.textContent(), { timeout: 60_000 })
      .toContain('Monday to Friday from 8 am to 6 pm');

    await widget.getByRole('button', { name: 'End Call' }).click();
    await widget.getByRole('heading', { name: 'Thank you for calling!' }).waitFor();
    await details.getByText('Completed').waitFor();
    await details.getByRole('heading', { name: 'Transcript', exact: true }).waitFor();
    const [stored] = await t.db
      .select({ endReason: calls.endReason })
      .from(calls)
      .where(gte(calls.startedAt, new Date(now)));
    expect(stored?.endReason).toBe('caller_ended');
    expect(await details.textContent()).toContain('Caller ended');
    await details.getByRole('button', { name: 'Close' }).click();
    const ended = cards(page).first();
    await expect.poll(() => ended.textContent()).toContain('Completed');
    expect(await ended.textContent()).toMatch(/Duration (\d+m \d+s|\d+m|\d+s)Completed/);
    await visitor.close();
    await page.context().close();
  }, 120_000);
});
