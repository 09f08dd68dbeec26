import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium } from './browser.js';
import { requireBuiltWidget, startWidgetWorld } from './widget-world.js';

describe('the widget of a company whose Call Feature is off', () => {
  let t: TestApp;
  let demoUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    requireBuiltWidget();
    const world = await startWidgetWorld();
    ({ t, demoUrl } = world);
    const master: ApiClient = world.tenants.as.master;
    const off = await master.patch(`/api/master/companies/${world.tenants.companyA.id}/settings`, {
      features: { callEnabled: false },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the call button disabled with the reason, and the chat still answers', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(demoUrl);
    const callButton = page.getByRole('button', { name: 'Voice calls temporarily unavailable' });
    await callButton.waitFor();
    expect(await callButton.isDisabled()).toBe(true);
    await callButton.click({ force: true });

    await page.getByRole('button', { name: 'Open chat' }).click();
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('What are your business hours?');
    await message.press('Enter');
    await expect
      .poll(() => page.getByRole('log', { name: 'Conversation' }).textContent(), {
        timeout: 15_000,
      })
      .toContain('Monday to Friday from 8 am to 6 pm');
    // The chat opened and answered after the click: a call screen would have loaded its code by now.
    expect(requested.some((url) => url.includes('/chat-panel-'))).toBe(true);
    expect(requested.filter((url) => url.includes('/call-panel-'))).toEqual([]);
    expect(await page.getByRole('heading', { name: 'Start Voice Call' }).count()).toBe(0);
  });
});
