import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { insertLiveCall, offerFor } from '../server/handoff/ringing-world.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

// A support agent's dashboard, open on any page, rings when a call waits for
// a person (the app's own CallOffers, as the call runner calls it): the
// caller, the chatbot, the reason and what was said, then Accept takes them
// to the call's take-over page. Their Available / Away switch is what rings.

const SHOTS = process.env.SCREENSHOT_DIR;

describe('ringing in the dashboard', () => {
  let t: TestApp;
  let browser: Browser;
  let companyId: string;
  let page: Page;

  beforeAll(async () => {
    t = await startDashboardApp();
    browser = await launchChromium();
    const company = await createCompany(t.db, { name: 'Alpha Dental', callEnabled: true });
    companyId = company.id;
    const agent = await createUser(t.db, {
      memberships: [{ companyId, role: 'support_agent' }],
    });
    page = await signIn(await browser.newContext(), t.url, agent.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const available = () => t.app.callOffers.availableCount(companyId);

  it('rings with the caller, the chatbot, the reason and the transcript; Accept opens the take-over page', async () => {
    await page.goto(`${t.url}/tickets`);
    const presence = page.getByRole('switch', { name: 'Available for calls' });
    await expect.poll(() => presence.getAttribute('aria-checked')).toBe('true');
    await expect.poll(available).toBe(1);

    const callId = await insertLiveCall(t.db, companyId, {
      callerId: '+15551234567',
      lines: [
        'Hello, Alpha Dental, how can I help?',
        'My crown came off and I would like to talk to someone.',
        'Let me connect you with a team member. Please hold.',
      ],
    });
    const outcome = t.app.callOffers.offer(
      offerFor(companyId, callId, '+15551234567'),
      new AbortController().signal,
    );
    const dialog = page.getByRole('dialog', { name: 'Incoming call: +1 555 123 4567' });
    await dialog.waitFor();
    await dialog.getByText('Phone call to Front desk').waitFor();
    await dialog.getByText('The caller asked for a person').waitFor();
    await dialog.getByText('My crown came off and I would like to talk to someone.').waitFor();
    await dialog.getByText(/Rings for \d+ more seconds/).waitFor();

    if (SHOTS) {
      for (const [name, width, height] of [
        ['desktop', 1280, 800],
        ['mobile', 390, 844],
      ] as const) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.setViewportSize({ width, height });
          await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${SHOTS}/ringing-${name}-${colorScheme}.png` });
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'light' });
    }

    await dialog.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(`${t.url}/calls/${callId}/take-over`);
    expect(await outcome).toMatchObject({ kind: 'accepted' });
    await dialog.waitFor({ state: 'detached' });
    // Screenshots at four sizes and a loaded CI machine take their time.
  }, 120_000);

  it('closes the dialog with a notice when the caller hangs up while it rings', async () => {
    await page.goto(`${t.url}/tickets`);
    await expect.poll(available).toBe(1);
    const callId = await insertLiveCall(t.db, companyId, { lines: ['Hello!'] });
    const hangUp = new AbortController();
    const outcome = t.app.callOffers.offer(offerFor(companyId, callId), hangUp.signal);
    const dialog = page.getByRole('dialog', { name: 'Incoming call: Web caller' });
    await dialog.waitFor();
    hangUp.abort();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('The caller hung up').first().waitFor();
    expect(await outcome).toEqual({ kind: 'unanswered' });
  });

  it('declines from the dialog, then shows the next call ringing', async () => {
    await expect.poll(available).toBe(1);
    const first = await insertLiveCall(t.db, companyId);
    const firstOutcome = t.app.callOffers.offer(
      offerFor(companyId, first),
      new AbortController().signal,
    );
    const dialog = page.getByRole('dialog', { name: 'Incoming call: Web caller' });
    await dialog.getByText('Nothing said yet.').waitFor();
    const second = await insertLiveCall(t.db, companyId, { callerId: '+447946095800' });
    const secondOutcome = t.app.callOffers.offer(
      offerFor(companyId, second, '+447946095800'),
      new AbortController().signal,
    );
    await dialog.getByText('One more call is ringing').waitFor();
    await dialog.getByRole('button', { name: 'Decline' }).click();
    expect(await firstOutcome).toEqual({ kind: 'unanswered' });
    const next = page.getByRole('dialog', { name: 'Incoming call: +44 7946 095800' });
    await next.getByRole('button', { name: 'Decline' }).click();
    await next.waitFor({ state: 'detached' });
    expect(await secondOutcome).toEqual({ kind: 'unanswered' });
  });

  it('stops ringing for a person who switches to Away', async () => {
    const presence = page.getByRole('switch', { name: 'Available for calls' });
    await presence.click();
    await expect.poll(() => presence.getAttribute('aria-checked')).toBe('false');
    await page.getByText('Away', { exact: true }).waitFor();
    await expect.poll(available).toBe(0);
    if (SHOTS) {
      for (const [name, width, height] of [
        ['desktop', 1280, 800],
        ['mobile', 390, 844],
      ] as const) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.setViewportSize({ width, height });
          await page.emulateMedia({ colorScheme });
          await page.waitForTimeout(200);
          await page.screenshot({
            path: `${SHOTS}/presence-away-${name}-${colorScheme}.png`,
            clip: { x: 0, y: 0, width, height: 120 },
          });
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    const callId = await insertLiveCall(t.db, companyId);
    expect(
      await t.app.callOffers.offer(offerFor(companyId, callId), new AbortController().signal),
    ).toEqual({ kind: 'unanswered' });
    // Support agents see how calls ring, read-only, next to the other call settings.
    await page.goto(`${t.url}/settings?tab=company`);
    const card = page.locator('section', { hasText: 'Transfers to a person' });
    const ring = card.getByRole('combobox', { name: 'Ring' });
    await expect.poll(() => ring.textContent()).toContain('Everyone at once');
    expect(await ring.isDisabled()).toBe(true);
    await card.getByText('Company admins can change these settings.').waitFor();
    if (SHOTS) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.waitForTimeout(200);
        await card.screenshot({ path: `${SHOTS}/transfer-settings-${colorScheme}.png` });
      }
    }
    // Back to Available: rung again.
    await presence.click();
    await page.getByText('Available', { exact: true }).waitFor();
    await expect.poll(available).toBe(1);
  });

  it('says Offline while the tab cannot reach the server, and rings again once it can', async () => {
    // The network drops every attempt to open the stream.
    const agentEvents = '**/api/company/agent-events';
    await page.route(agentEvents, (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.getByText('Offline', { exact: true }).waitFor();
    await expect.poll(available).toBe(0);
    if (SHOTS) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.waitForTimeout(200);
        await page.screenshot({
          path: `${SHOTS}/presence-offline-desktop-${colorScheme}.png`,
          clip: { x: 0, y: 0, width: 1280, height: 120 },
        });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.unroute(agentEvents);
    await page.getByText('Available', { exact: true }).waitFor({ timeout: 20_000 });
    await expect.poll(available).toBe(1);
  }, 40_000);

  it('lets a company admin choose how calls ring, next to the recording settings', async () => {
    const admin = await createUser(t.db, { memberships: [{ companyId, role: 'company_admin' }] });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const adminPage = await signIn(context, t.url, admin.email, TEST_PASSWORD);
    await adminPage.goto(`${t.url}/settings?tab=company`);
    const card = adminPage.locator('section', { hasText: 'Transfers to a person' });
    await card.getByRole('combobox', { name: 'Ring' }).click();
    await adminPage.getByRole('option', { name: /Least busy first/ }).click();
    await card.getByLabel('Ring timeout (seconds)').fill('45');
    await card.getByRole('combobox', { name: 'Caller hears while waiting' }).click();
    await adminPage.getByRole('option', { name: 'Music' }).click();
    await card.getByRole('button', { name: 'Save' }).click();
    await adminPage.getByText('Transfer settings saved').first().waitFor();
    const saved = await t.db.query.companies.findFirst({
      where: (companies, { eq }) => eq(companies.id, companyId),
    });
    expect(saved?.settings.escalation).toEqual({
      ringStrategy: 'least_busy',
      ringTimeoutSec: 45,
      holdAudio: 'music',
    });
    if (SHOTS) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await adminPage.emulateMedia({ colorScheme });
        await adminPage.waitForTimeout(200);
        await adminPage.screenshot({ path: `${SHOTS}/admin-header-mobile-${colorScheme}.png` });
        await card.screenshot({
          path: `${SHOTS}/transfer-settings-admin-mobile-${colorScheme}.png`,
        });
      }
    }
    await context.close();
  });
});
