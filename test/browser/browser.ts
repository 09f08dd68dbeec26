import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const dashboardDir = path.resolve(import.meta.dirname, '../../dist/dashboard');

/** The test app serving the built dashboard; says how to build it when it is missing. */
export function startDashboardApp(env: Record<string, string> = {}): Promise<TestApp> {
  if (!existsSync(path.join(dashboardDir, 'index.html'))) {
    throw new Error('Build the dashboard first: npm run build:dashboard');
  }
  return startTestApp(env, { dashboardDir });
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export async function signIn(
  context: BrowserContext,
  baseUrl: string,
  email: string,
  password: string,
) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}
