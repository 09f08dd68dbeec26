import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { launchChromium } from './browser.js';
import { callBuzzi, hasFocus, requireBuiltWidget, startWidgetWorld } from './widget-world.js';

const AGGRESSIVE_CSS = `
  * { font-size: 40px !important; color: red !important; font-family: 'Comic Sans MS', cursive !important;
      line-height: 3 !important; box-sizing: content-box !important; letter-spacing: 4px !important; }
  button { all: unset !important; padding: 30px !important; }
`;

function customerPage(apiBase: string, publicId: string, css: string): string {
  return `<!doctype html><html><head><style>${css}</style></head><body>
    <h1>Shop</h1><p>Our products.</p>
    <script>window.globalsBefore = Object.keys(window);</script>
    <script src="${apiBase}/widget.js" data-chatbot-id="${publicId}" async></script>
  </body></html>`;
}

/** What a visitor sees of the open widget: sizes, fonts and colours of its parts. */
async function widgetLook(page: Page) {
  const look = (selector: ReturnType<Page['getByRole']>) =>
    selector.evaluate((element) => {
      const style = getComputedStyle(element);
      // Layout sizes: a hover effect may scale the launcher under the mouse.
      const { offsetWidth: width, offsetHeight: height } = element as HTMLElement;
      return {
        fontSize: style.fontSize,
        fontFamily: style.fontFamily,
        color: style.color,
        width,
        height,
      };
    });
  return {
    panel: await look(page.getByRole('dialog', { name: 'Chat with us' })),
    title: await look(page.getByRole('heading', { name: 'Chat with us' })),
    welcome: await look(
      page.getByRole('log', { name: 'Conversation' }).getByText('Hi! How can I help you today?'),
    ),
    message: await look(page.getByRole('textbox', { name: 'Message' })),
    send: await look(page.getByRole('button', { name: 'Send' })),
    launcher: await look(page.getByRole('button', { name: 'Close chat' }).last()),
  };
}

describe('embedding the widget on a website', () => {
  let t: TestApp;
  let publicId: string;
  let demoUrl: string;
  let browser: Browser;
  /** The customer's website: a real server on another origin than the API's. */
  let customer: Server;
  let customerSite: string;

  beforeAll(async () => {
    requireBuiltWidget();
    const world = await startWidgetWorld();
    ({ t, publicId, demoUrl } = world);
    customer = createServer((request, response) => {
      const css = new URL(request.url ?? '/', 'http://x').searchParams.get('css') ?? '';
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(customerPage(t.url, publicId, css));
    });
    await new Promise<void>((resolve) => customer.listen(0, '127.0.0.1', resolve));
    customerSite = `http://127.0.0.1:${(customer.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    customer?.close();
    await t?.close();
  });

  async function openOnCustomerSite(css: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${customerSite}/?css=${encodeURIComponent(css)}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    return page;
  }

  it("looks the same on another origin whatever the page's global CSS", async () => {
    const plainPage = await openOnCustomerSite('');
    const plain = await widgetLook(plainPage);
    const added = await plainPage.evaluate(() => {
      const before = (window as unknown as { globalsBefore: string[] }).globalsBefore;
      return Object.keys(window).filter((key) => !before.includes(key) && key !== 'globalsBefore');
    });
    // The page's own globals stay its own: the widget adds only window.Buzzi.
    expect(added).toEqual(['Buzzi']);
    const aggressive = await widgetLook(await openOnCustomerSite(AGGRESSIVE_CSS));
    expect(aggressive).toEqual(plain);
    expect(plain.title.fontSize).toBe('16px');
    expect(plain.welcome.color).not.toBe('rgb(255, 0, 0)');
    expect(plain.launcher).toMatchObject({ width: 56, height: 56 });
  });

  it('opens, closes and starts a call from the page through window.Buzzi', async () => {
    const page = await browser.newPage();
    await page.goto(demoUrl);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    const panel = page.getByRole('dialog', { name: 'Chat with us' });
    await callBuzzi(page, 'open');
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await callBuzzi(page, 'close');
    await expect.poll(() => panel.isVisible()).toBe(false);
    await callBuzzi(page, 'toggle');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await hasFocus(page.getByRole('button', { name: 'Open chat' }))).toBe(true);

    // This browser context has not granted the microphone.
    await callBuzzi(page, 'startCall');
    await page.getByRole('heading', { name: 'Microphone Access Required' }).waitFor();
    await page.close();
  });

  it('serves the loader briefly cached and the chunks for good, to any origin', async () => {
    const loader = await fetch(`${t.url}/widget.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const chunk = (await loader.text()).match(/\.\/(widget\/chat-panel-[\w-]+\.js)/)?.[1];
    expect(chunk).toBeDefined();
    const chunkResponse = await fetch(`${t.url}/${chunk}`);
    expect(chunkResponse.status).toBe(200);
    expect(chunkResponse.headers.get('cache-control')).toContain('immutable');
    expect(chunkResponse.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${t.url}/widget/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/widget/nothing-here.js`)).status).toBe(404);
  });

  it('answers 503 with the build command when the widget is not built', async () => {
    const repository = process.cwd();
    process.chdir(mkdtempSync(path.join(tmpdir(), 'buzzi-unbuilt-')));
    try {
      const response = await fetch(`${t.url}/widget.js`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: 'widget_not_built' });
    } finally {
      process.chdir(repository);
    }
  });

  it('shows a not-found page for an unknown chatbot demo', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${t.url}/demo/cb_unknown`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Demo not found' }).waitFor();
    expect(await page.locator('buzzi-widget').count()).toBe(0);
    await page.close();
  });
});
