import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/server/voice/audio/wav.js';
import type { ApiClient } from '../helpers/api-client.js';
import { createCompany, createUser, login, TEST_PASSWORD } from '../helpers/fixtures.js';
import { createLocalCallBot } from '../helpers/local-call-bot.js';
import { concatAudio, silenceAudio, spokenAudio } from '../helpers/speech.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium, signIn, startDashboardApp } from './browser.js';

const GREETING = 'Bright Smiles front desk, hello.';

type CallSettingsBody = {
  callSettings: {
    greeting: string;
    speed: number;
    endCallPhrase: string;
    transferNumber: string | null;
  };
};

describe('Call Options and Test Call in the dashboard', () => {
  let t: TestApp;
  let browser: Browser;
  let micDir: string;
  let admin: ApiClient;
  let adminEmail: string;
  let chatbotId: string;

  beforeAll(async () => {
    // Chromium loops the file, so the question is followed by a long silence; the
    // silence before it lets the greeting be heard first.
    micDir = mkdtempSync(path.join(tmpdir(), 'buzzi-mic-'));
    const wav = path.join(micDir, 'question.wav');
    const question = concatAudio([
      silenceAudio(4000),
      spokenAudio('What are your business hours?'),
      silenceAudio(6000),
    ]);
    writeFileSync(wav, encodeWav(question));

    t = await startDashboardApp();
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);

    const company = await createCompany(t.db, { name: 'Bright Smiles', callEnabled: true });
    const user = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    adminEmail = user.email;
    admin = await login(t, adminEmail);
    chatbotId = (await createLocalCallBot(t, admin, { name: 'Front Desk' })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (micDir) rmSync(micDir, { recursive: true, force: true });
  });

  async function openAdmin(): Promise<Page> {
    const context = await browser.newContext({
      permissions: ['microphone', 'clipboard-read', 'clipboard-write'],
    });
    return signIn(context, t.url, adminEmail, TEST_PASSWORD);
  }

  const savedSettings = async () =>
    (await admin.get<CallSettingsBody>(`/api/company/chatbots/${chatbotId}/call-settings`)).body
      .callSettings;

  it('an admin tunes the call options, previews a voice and they persist', async () => {
    const page = await openAdmin();
    await page.goto(`${t.url}/chatbots/${chatbotId}`);
    await page.getByRole('tab', { name: 'Call Options' }).click();
    await expect
      .poll(() => page.getByTestId('local-engine-status').textContent())
      .toContain('Local engine ready: Silero VAD · pocketsphinx · flite');

    await page.getByLabel('Voice', { exact: true }).click();
    await page.getByRole('option', { name: 'Slt (US female)' }).click();
    const preview = page.waitForResponse((r) => r.url().endsWith('/slt/preview'));
    await page.getByRole('button', { name: 'Preview voice Slt (US female)' }).click();
    const response = await preview;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('audio/wav');

    await page.getByLabel('Greeting').fill(GREETING);
    const speed = page.getByRole('slider', { name: 'Speaking speed' });
    await speed.focus();
    for (let i = 0; i < 5; i++) await speed.press('ArrowRight');
    expect(await speed.getAttribute('aria-valuetext')).toBe('1.25×');

    // Too long, and no phone number: the form says so at the fields and nothing is saved.
    const endPhrase = page.getByLabel('End-call phrase');
    await endPhrase.fill('x'.repeat(61));
    const transferNumber = page.getByLabel('Transfer number');
    await transferNumber.fill('front desk');
    await page.getByRole('button', { name: 'Save call options' }).click();
    await expect
      .poll(() => page.getByText('Use at most 60 characters.').count())
      .toBeGreaterThan(0);
    expect(await endPhrase.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Enter a phone number with + and the country code').waitFor();
    expect(await transferNumber.getAttribute('aria-invalid')).toBe('true');
    expect((await savedSettings()).greeting).not.toBe(GREETING);

    await endPhrase.fill('bye for now');
    await transferNumber.fill('+1 (555) 000-1111');
    await page.getByRole('button', { name: 'Save call options' }).click();
    await page.getByText('Call options saved', { exact: true }).waitFor();

    await page.reload();
    await expect.poll(() => page.getByLabel('Greeting').inputValue()).toBe(GREETING);
    expect(
      await page.getByRole('slider', { name: 'Speaking speed' }).getAttribute('aria-valuetext'),
    ).toBe('1.25×');
    expect(await page.getByLabel('End-call phrase').inputValue()).toBe('bye for now');
    expect(await page.getByLabel('Transfer number').inputValue()).toBe('+15550001111');
    // The voice list is its own request: the choice shows once it has loaded.
    await expect
      .poll(() => page.getByLabel('Voice', { exact: true }).textContent())
      .toContain('Slt');
    expect(await savedSettings()).toMatchObject({
      greeting: GREETING,
      speed: 1.25,
      endCallPhrase: 'bye for now',
      transferNumber: '+15550001111',
    });

    // A switch in its risky position warns what it means for callers.
    await page.getByRole('switch', { name: 'Allow interruption' }).click();
    await page.getByText("Callers won't be able to cut the agent off.").waitFor();
    await page.getByRole('button', { name: 'Discard' }).click();
    expect(await page.getByText("Callers won't be able to cut the agent off.").count()).toBe(0);
    await page.context().close();
  });

  it('the widget preview shows the call button and the embed code copies', async () => {
    const page = await openAdmin();
    await page.goto(`${t.url}/chatbots/${chatbotId}?tab=widget`);
    const preview = page.getByTestId('widget-preview');
    await expect.poll(() => preview.textContent()).toContain('Call us');

    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(
        /<script src="http:\/\/127\.0\.0\.1:\d+\/widget\.js" data-chatbot-id="[^"]+" async><\/script>/,
      );
    await page.context().close();
  });

  it('a test call hears the question, answers with the hours and sums the call up', async () => {
    const page = await openAdmin();
    await page.goto(`${t.url}/chatbots/${chatbotId}?tab=test`);
    await page.getByRole('tab', { name: 'Test Call' }).click();
    await page.getByRole('button', { name: 'Start test call' }).click();

    const live = page.getByRole('log', { name: 'Call transcript' });
    // Its first words, since a caller speaking over the greeting cuts it short.
    await expect.poll(() => live.textContent(), { timeout: 20_000 }).toContain('Bright Smiles');
    await expect
      .poll(() => live.textContent(), { timeout: 40_000 })
      .toContain('Monday to Friday from 8 am to 6 pm');
    expect(await page.getByRole('timer', { name: 'Call duration' }).textContent()).toMatch(
      /^\d+:\d\d$/,
    );

    await page.getByRole('button', { name: 'End call' }).click();
    await page.getByText('Call ended').waitFor();
    await expect.poll(() => page.getByTestId('call-summary').count(), { timeout: 30_000 }).toBe(1);
    // The summary quotes the caller; pocketsphinx may mishear a word, so only one is checked.
    expect(await page.getByTestId('call-summary').textContent()).toContain('business');
    const summary = page.getByRole('region', { name: 'Summary' });
    expect(await summary.getByText('Not urgent').count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Call transcript' }).textContent()).toContain(
      'Monday to Friday from 8 am to 6 pm',
    );
    await page.context().close();
  }, 120_000);
});
