import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium } from './browser.js';
import { microphoneWav, requireBuiltWidget, startWidgetWorld } from './widget-world.js';

// The voice engine cannot run on this server (its speech packages are
// missing): the visitor is told the call could not connect and can chat.
describe('a widget call whose voice engine is down', () => {
  let t: TestApp;
  let demoUrl: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    requireBuiltWidget();
    ({ t, demoUrl } = await startWidgetWorld({}, { FLITE_BIN: '/nonexistent/bin/flite' }));
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphoneWav('Hello?')}`,
    ]);
    context = await browser.newContext({ permissions: ['microphone'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows Unable to connect with Retry Call and Start Chat', async () => {
    const page = await context.newPage();
    await page.goto(demoUrl);
    await page.getByRole('button', { name: 'Call us' }).click();
    await page.getByRole('button', { name: 'Start Call' }).click();
    await page.getByRole('heading', { name: 'Unable to connect' }).waitFor({ timeout: 20_000 });
    const retry = page.getByRole('button', { name: 'Retry Call' });
    expect(await retry.count()).toBe(1);
    await retry.click();
    await page.getByRole('heading', { name: 'Unable to connect' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Start Chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
  });
});
