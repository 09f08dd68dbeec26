import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

type Me = { user: { email: string }; activeCompany: { id: string; role: string } | null };

/** What the page's own session says, from inside the page. */
const meIn = (page: Page) =>
  page.evaluate(async () => (await fetch('/api/auth/me')).json() as Promise<Me>);

describe('members and invitations in the dashboard (no mail server)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startDashboardApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Invites from Settings → Members and returns the link the dialog shows. */
  async function invite(admin: Page, email: string, name?: string) {
    await admin.goto(`${t.url}/settings`);
    await admin.getByRole('button', { name: 'Invite member' }).click();
    const dialog = admin.getByRole('dialog');
    await expect
      .poll(() => dialog.getByText('No mail server configured').count())
      .toBeGreaterThan(0);
    await dialog.getByLabel('Email').fill(email);
    if (name) await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByRole('button', { name: 'Create invite' }).click();
    const link = dialog.getByLabel('Invite link', { exact: true });
    await link.waitFor();
    // The link step still says why the admin holds the link.
    expect(await dialog.getByText(/Share this link with/).textContent()).toContain(email);
    const url = await link.inputValue();
    await dialog.getByRole('button', { name: 'Done' }).click();
    return url;
  }

  it('an invited newcomer opens the link in a fresh browser, sets a password and lands in the company', async () => {
    const company = await createCompany(t.db, { name: 'Harbor Dental' });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const adminPage = await signIn(await browser.newContext(), t.url, admin.email, TEST_PASSWORD);
    const email = `newcomer-${Date.now()}@example.test`;
    const url = await invite(adminPage, email, 'Nia Newcomer');
    expect(url).toMatch(new RegExp(`^${t.url}/invite/[A-Za-z0-9_-]{40,}$`));
    const row = adminPage.getByRole('row', { name: new RegExp(email) });
    await expect.poll(() => row.getByText('Invited').count()).toBe(1);

    const newcomer = await (await browser.newContext()).newPage();
    await newcomer.goto(url);
    await newcomer.getByRole('heading', { name: 'Join Harbor Dental as Support agent' }).waitFor();
    await newcomer.getByLabel('Your name').fill('Nia Newcomer');
    await newcomer.getByLabel('Password', { exact: true }).fill('a-long-enough-password');
    await newcomer.getByLabel('Confirm password').fill('a-long-enough-password');
    await newcomer.getByRole('button', { name: 'Create account and join' }).click();
    await newcomer.waitForURL((u) => !u.pathname.startsWith('/invite'));
    expect(await meIn(newcomer)).toMatchObject({
      user: { email },
      activeCompany: { id: company.id, role: 'support_agent' },
    });

    await adminPage.reload();
    await expect.poll(() => row.getByText('Active').count()).toBe(1);
    // The link is spent.
    await newcomer.goto(url);
    await newcomer.getByText('This invite link is invalid or has expired').waitFor();
  });

  it('someone with an account signs in on the invitation page and accepts it', async () => {
    const home = await createCompany(t.db, { name: 'Zephyr Home Clinic' });
    const second = await createCompany(t.db, { name: 'Second Street Dental' });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: second.id, role: 'company_admin' }],
    });
    const existing = await createUser(t.db, {
      memberships: [{ companyId: home.id, role: 'support_agent' }],
    });
    const adminPage = await signIn(await browser.newContext(), t.url, admin.email, TEST_PASSWORD);
    const url = await invite(adminPage, existing.email);

    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page
      .getByRole('heading', { name: 'Join Second Street Dental as Support agent' })
      .waitFor();
    // Creating the account again is refused: the page asks to sign in instead.
    await page.getByLabel('Your name').fill('Impostor');
    await page.getByLabel('Password', { exact: true }).fill('not-their-password');
    await page.getByLabel('Confirm password').fill('not-their-password');
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.getByText(`${existing.email} already has an account. Sign in to accept.`).waitFor();

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const accept = page.getByRole('button', { name: 'Accept and join Second Street Dental' });
    await accept.waitFor();
    // Signed in, but not a member until accepted.
    expect((await meIn(page)).activeCompany?.id).toBe(home.id);
    await accept.click();
    await page.waitForURL((u) => !u.pathname.startsWith('/invite'));
    expect(await meIn(page)).toMatchObject({
      activeCompany: { id: second.id, role: 'support_agent' },
    });
  });

  it('a different signed-in account is asked to sign out first', async () => {
    const company = await createCompany(t.db, { name: 'Willow Clinic' });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const other = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'support_agent' }],
    });
    const adminPage = await signIn(await browser.newContext(), t.url, admin.email, TEST_PASSWORD);
    const email = `someone-${Date.now()}@example.test`;
    const url = await invite(adminPage, email);

    const page = await signIn(await browser.newContext(), t.url, other.email, TEST_PASSWORD);
    await page.goto(url);
    await page.getByText(`You are signed in as ${other.email}`).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Create account and join' }).waitFor();
  });
});
