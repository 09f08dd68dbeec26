import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiModels, chatbotPackages } from '../../src/server/db/schema/index.js';
import { createUser, TEST_PASSWORD } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

/** Picks an option of a labelled Radix select inside the open dialog. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Submits the open dialog with its primary button and waits for the API to accept it. */
async function submit(page: Page, button: string, apiPath: RegExp, method: string) {
  const saved = page.waitForResponse(
    (r) => apiPath.test(new URL(r.url()).pathname) && r.request().method() === method,
  );
  await page.getByRole('dialog').getByRole('button', { name: button }).click();
  const response = await saved;
  expect(response.status(), await response.text()).toBeLessThan(300);
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

async function confirmDelete(page: Page, rowName: string, confirm: string, apiPath: RegExp) {
  await page.getByRole('button', { name: `Delete ${rowName}` }).click();
  await submitAlert(page, confirm, apiPath);
}

async function submitAlert(page: Page, button: string, apiPath: RegExp) {
  const deleted = page.waitForResponse(
    (r) => apiPath.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE',
  );
  await page.getByRole('alertdialog').getByRole('button', { name: button }).click();
  expect((await deleted).status()).toBe(204);
}

const row = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

describe('master admin catalog in the dashboard', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startDashboardApp();
    const master = await createUser(t.db, { isMasterAdmin: true });
    browser = await launchChromium();
    page = await signIn(await browser.newContext(), t.url, master.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const modelRow = (displayName: string) =>
    t.db.select().from(aiModels).where(eq(aiModels.displayName, displayName));

  it('creates, edits and deletes an AI model, each change stored', async () => {
    await page.goto(`${t.url}/master/ai-models`);
    await page.getByRole('heading', { name: 'AI Models' }).waitFor();

    await page.getByRole('button', { name: 'New model' }).first().click();
    await choose(page, 'Provider', 'Google Gemini');
    await page.getByLabel('Model ID').fill('gemini-test-edition');
    await page.getByLabel('Display name').fill('Gemini Test Edition');
    await choose(page, 'Model Type', 'Both Chat and Call');
    await submit(page, 'Add model', /^\/api\/master\/ai-models$/, 'POST');
    expect(await modelRow('Gemini Test Edition')).toEqual([
      expect.objectContaining({
        provider: 'gemini',
        modelId: 'gemini-test-edition',
        modelType: 'both',
        isActive: true,
      }),
    ]);

    await page.reload();
    await row(page, 'Gemini Test Edition').waitFor();
    await page.getByRole('button', { name: 'Edit Gemini Test Edition' }).click();
    await page.getByLabel('Display name').fill('Gemini Renamed');
    await page.getByRole('dialog').getByRole('switch', { name: 'Active' }).click();
    await submit(page, 'Save model', /^\/api\/master\/ai-models\/[\w-]+$/, 'PATCH');
    await row(page, 'Gemini Renamed').waitFor();
    expect(await modelRow('Gemini Test Edition')).toEqual([]);
    expect(await modelRow('Gemini Renamed')).toEqual([
      expect.objectContaining({ modelId: 'gemini-test-edition', isActive: false }),
    ]);

    await confirmDelete(page, 'Gemini Renamed', 'Delete model', /^\/api\/master\/ai-models\//);
    await expect.poll(() => row(page, 'Gemini Renamed').count()).toBe(0);
    expect(await modelRow('Gemini Renamed')).toEqual([]);
  });

  it('creates, edits and deletes a chatbot package with its limits, each change stored', async () => {
    const packageRow = (name: string) =>
      t.db.select().from(chatbotPackages).where(eq(chatbotPackages.name, name));
    await page.goto(`${t.url}/master/chatbot-packages`);
    await page.getByRole('heading', { name: 'Chatbot Packages' }).waitFor();

    await page.getByRole('button', { name: 'New package' }).first().click();
    await page.getByLabel('Name').fill('Clinic Voice');
    await page.getByLabel('Description').fill('Phone lines for small clinics');
    await choose(page, 'Chatbot type', 'Call');
    await page.getByLabel('Max concurrent calls').fill('4');
    await page.getByLabel('Monthly call minutes').fill('600');
    await submit(page, 'Create package', /^\/api\/master\/chatbot-packages$/, 'POST');
    expect(await packageRow('Clinic Voice')).toEqual([
      expect.objectContaining({
        description: 'Phone lines for small clinics',
        chatbotType: 'call',
        limits: { maxConcurrentCalls: 4, monthlyCallMinutes: 600 },
        isActive: true,
      }),
    ]);

    await page.reload();
    await row(page, 'Clinic Voice').waitFor();
    await page.getByRole('button', { name: 'Edit Clinic Voice' }).click();
    await page.getByLabel('Max concurrent calls').fill('2');
    await page.getByLabel('Monthly call minutes').fill('');
    await submit(page, 'Save package', /^\/api\/master\/chatbot-packages\/[\w-]+$/, 'PATCH');
    expect(await packageRow('Clinic Voice')).toEqual([
      expect.objectContaining({ limits: { maxConcurrentCalls: 2 } }),
    ]);
    const concurrentCalls = row(page, 'Clinic Voice').getByRole('cell').nth(4);
    await expect.poll(() => concurrentCalls.textContent()).toBe('2');

    await confirmDelete(
      page,
      'Clinic Voice',
      'Delete package',
      /^\/api\/master\/chatbot-packages\//,
    );
    await expect.poll(() => row(page, 'Clinic Voice').count()).toBe(0);
    expect(await packageRow('Clinic Voice')).toEqual([]);
  });
});
