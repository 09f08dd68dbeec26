import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilioRest, startFakeTwilio } from '../fakes/twilio-rest.js';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { seedCall } from '../server/calls/seed-calls.js';
import { PhoneLine } from '../server/voice/twilio/phone-line.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// Staff make a ticket and a callback from a call's details and find them on
// the Tickets page and in the "Callbacks due" strip; a callback on a chatbot
// with a Twilio number is placed by the agent with "Call now" (the fake
// Twilio REST API is asked to make the call).

const SHOTS = process.env.SCREENSHOT_DIR;
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
];
const SCHEMES = ['light', 'dark'] as const;

describe('tickets and callbacks', () => {
  let t: TestApp;
  let twilioRest: FakeTwilioRest;
  let browser: Browser;
  let tenants: Awaited<ReturnType<typeof createTenants>>;
  let webBotId: string;
  let phoneBotId: string;

  beforeAll(async () => {
    twilioRest = await startFakeTwilio();
    t = await startDashboardApp({ TWILIO_API_BASE_URL: twilioRest.url });
    tenants = await createTenants(t, { callEnabled: true });
    webBotId = (await createCallChatbot(tenants.as.adminA, 'Website voice')).id;
    phoneBotId = (await createCallChatbot(tenants.as.adminA, 'Front desk line')).id;
    await PhoneLine.connect(t, twilioRest, tenants.as.adminA, phoneBotId);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await twilioRest?.close();
  });

  const openAs = async (email: string, path: string, options = {}) => {
    const context = await browser.newContext({ timezoneId: 'UTC', ...options });
    const page = await signIn(context, t.url, email, TEST_PASSWORD);
    await page.goto(`${t.url}${path}`);
    return page;
  };
  const sheet = (page: Page) => page.getByRole('dialog').first();
  const strip = (page: Page) => page.getByRole('list', { name: 'Callbacks due' });
  /** A `datetime-local` value (the browser runs in UTC) some minutes from now. */
  const inputTime = (minutes: number) =>
    new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

  it('makes a ticket and a callback from a call, then shows them on the Tickets page and as due', async () => {
    const call = await seedCall(t.db, tenants.companyA.id, {
      chatbotId: webBotId,
      source: 'twilio',
      callerName: 'Jane Doe',
      callerId: '+15551234567',
      summary: 'Wants her X-ray results before Friday.',
    });
    const agentName = tenants.users.agentA.name;
    const page = await openAs(tenants.users.agentA.email, `/calls?call=${call.id}`);
    await sheet(page).getByRole('heading', { name: 'Jane Doe' }).waitFor();

    await page.getByRole('button', { name: 'Create ticket' }).click();
    const ticketForm = page.getByRole('dialog', { name: 'Create ticket' });
    expect(await ticketForm.getByLabel('What needs doing').inputValue()).toBe(
      'Wants her X-ray results before Friday.',
    );
    await ticketForm.getByRole('combobox', { name: /Assignee/ }).click();
    await page.getByRole('option', { name: agentName }).click();
    await ticketForm.getByRole('button', { name: 'Create ticket' }).click();
    await ticketForm.waitFor({ state: 'detached' });
    await sheet(page).getByText('Wants her X-ray results before Friday.').last().waitFor();

    await page.getByRole('button', { name: 'Schedule callback' }).click();
    const callbackForm = page.getByRole('dialog', { name: 'Schedule callback' });
    await callbackForm.getByLabel('When').fill(inputTime(-2));
    await callbackForm.getByLabel('Note').fill('Read her the X-ray results');
    await callbackForm.getByRole('button', { name: 'Schedule callback' }).click();
    await callbackForm.waitFor({ state: 'detached' });
    const inSheet = sheet(page).getByRole('list', { name: 'Callbacks' });
    await inSheet.getByText('Read her the X-ray results').waitFor();
    // No Twilio number on this chatbot: staff dial the number themselves.
    const dial = inSheet.getByRole('link', { name: '(555) 123-4567' });
    expect(await dial.getAttribute('href')).toBe('tel:+15551234567');
    expect(await inSheet.getByRole('button', { name: 'Call now' }).count()).toBe(0);

    await sheet(page).getByRole('button', { name: 'Close' }).first().click();
    await sheet(page).waitFor({ state: 'detached' });
    await strip(page).getByText('Read her the X-ray results').waitFor();

    await page.getByRole('link', { name: 'Tickets' }).first().click();
    const ticket = page.getByRole('article', { name: 'Ticket from Jane Doe' });
    await ticket.waitFor();
    expect(await ticket.getByText('Wants her X-ray results before Friday.').count()).toBe(1);
    expect(await ticket.getByRole('combobox', { name: 'Assignee' }).textContent()).toBe(agentName);
    await page.getByRole('combobox', { name: 'Assignee filter' }).click();
    await page.getByRole('option', { name: 'Assigned to me' }).click();
    await ticket.waitFor();

    await ticket.getByRole('button', { name: 'Close ticket' }).click();
    await ticket.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Closed' }).click();
    await page.getByRole('article', { name: 'Ticket from Jane Doe' }).getByText('Closed').waitFor();

    await page
      .getByRole('article', { name: 'Ticket from Jane Doe' })
      .getByRole('link', { name: 'Open call' })
      .click();
    await sheet(page).getByRole('heading', { name: 'Jane Doe' }).waitFor();
    expect(new URL(page.url()).searchParams.get('call')).toBe(call.id);

    // The Inbox shows the same due callback.
    await page.goto(`${t.url}/inbox`);
    await strip(page).getByText('Read her the X-ray results').waitFor();
    await page.context().close();
  }, 60_000);

  it('places a due callback through the Twilio number with "Call now"', async () => {
    const call = await seedCall(t.db, tenants.companyA.id, {
      chatbotId: phoneBotId,
      source: 'twilio',
      callerName: 'Tom Reyes',
      callerId: '+15557654321',
      summary: 'Asked to reschedule.',
    });
    const scheduled = await tenants.as.agentA.post(`/api/company/calls/${call.id}/callbacks`, {
      dueAt: new Date(Date.now() - 60_000).toISOString(),
      note: 'Offer Thursday at 3 pm',
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    const placedBefore = twilioRest.calls.size;

    const page = await openAs(tenants.users.agentA.email, '/calls');
    const item = strip(page).getByRole('listitem').filter({ hasText: 'Offer Thursday at 3 pm' });
    await item.getByRole('button', { name: 'Call now' }).click();
    await item.waitFor({ state: 'detached' });
    const placed = [...twilioRest.calls.values()].slice(placedBefore);
    expect(placed.map((c) => c.to)).toEqual(['+15557654321']);
    await page.context().close();
  }, 60_000);

  it.skipIf(!SHOTS)(
    'screenshots',
    async () => {
      const call = await seedCall(t.db, tenants.companyA.id, {
        chatbotId: phoneBotId,
        source: 'twilio',
        callerName: 'Ana Silva',
        callerId: '+15550101010',
        summary: 'Needs a copy of her invoice for insurance.',
      });
      await tenants.as.agentA.post('/api/company/tickets', { callId: call.id });
      await tenants.as.agentA.post(`/api/company/calls/${call.id}/callbacks`, {
        dueAt: new Date(Date.now() - 60_000).toISOString(),
        note: 'Confirm the invoice arrived',
        assignedToId: tenants.users.agentA.id,
      });
      for (const viewport of VIEWPORTS) {
        for (const colorScheme of SCHEMES) {
          const options = { viewport, colorScheme };
          for (const [name, path] of [
            ['tickets', '/tickets?status=all'],
            ['calls', '/calls'],
            ['call-details', `/calls?call=${call.id}`],
            ['inbox', '/inbox'],
          ] as const) {
            const page = await openAs(tenants.users.agentA.email, path, options);
            await page.waitForLoadState('networkidle');
            await page.waitForTimeout(400);
            await page.screenshot({ path: `${SHOTS}/${name}-${viewport.name}-${colorScheme}.png` });
            if (name === 'call-details') {
              for (const action of ['Schedule callback', 'Create ticket']) {
                await page.getByRole('button', { name: action }).click();
                await page.getByRole('dialog', { name: action }).waitFor();
                await page.waitForTimeout(300);
                const shot = `${action.replace(' ', '-')}-${viewport.name}-${colorScheme}.png`;
                await page.screenshot({ path: `${SHOTS}/${shot}` });
                await page.keyboard.press('Escape');
                await page.getByRole('dialog', { name: action }).waitFor({ state: 'detached' });
              }
            }
            await page.context().close();
          }
        }
      }
    },
    120_000,
  );
});
