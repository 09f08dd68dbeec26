import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

describe('Call Feature toggle in the dashboard', () => {
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

  it('a master admin turns calls on and the company admin sees call navigation appear', async () => {
    const company = await createCompany(t.db, { name: 'Bravo Smiles', callEnabled: false });
    const owner = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const master = await createUser(t.db, { isMasterAdmin: true });

    const ownerContext = await browser.newContext();
    const ownerPage = await signIn(ownerContext, t.url, owner.email, TEST_PASSWORD);
    const nav = ownerPage.getByRole('navigation', { name: /main/i });
    await expect.poll(() => nav.getByRole('link', { name: 'Chatbots' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Calls' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Integration Accounts' }).count()).toBe(0);

    const masterContext = await browser.newContext();
    const masterPage = await signIn(masterContext, t.url, master.email, TEST_PASSWORD);
    await masterPage.goto(`${t.url}/master/companies`);
    await masterPage.getByRole('link', { name: 'Bravo Smiles' }).first().click();
    await masterPage.getByRole('tab', { name: 'Features' }).click();
    const toggle = masterPage.getByRole('switch', { name: 'Call Feature' });
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    const saved = masterPage.waitForResponse(
      (r) => r.url().endsWith(`/api/master/companies/${company.id}/settings`) && r.status() === 200,
    );
    await toggle.click();
    await saved;
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');

    await ownerPage.reload();
    await expect.poll(() => nav.getByRole('link', { name: 'Calls' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Integration Accounts' }).count()).toBe(1);
    await nav.getByRole('link', { name: 'Calls' }).click();
    await expect.poll(() => ownerPage.getByText('No calls yet').count()).toBeGreaterThan(0);
  });
});
