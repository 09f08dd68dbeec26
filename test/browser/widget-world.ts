import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { encodeWav } from '../../src/server/voice/audio/wav.js';
import { createTenants } from '../helpers/fixtures.js';
import { createLocalCallBot } from '../helpers/local-call-bot.js';
import { concatAudio, silenceAudio, spokenAudio } from '../helpers/speech.js';
import { startTestApp } from '../helpers/test-app.js';

export const widgetDir = path.resolve(import.meta.dirname, '../../dist/widget');

export { BUSINESS_HOURS as HOURS } from '../helpers/local-call-bot.js';

export function requireBuiltWidget(): void {
  if (!existsSync(path.join(widgetDir, 'widget.js'))) {
    throw new Error('Build the widget first: npm run build:widget');
  }
}

/**
 * The app with a company that has the Call Feature, its business hours in the
 * knowledge base and a call chatbot answered by the local offline voice engine.
 */
export async function startWidgetWorld(
  widget: Record<string, unknown> = {},
  env: Record<string, string> = {},
) {
  const t = await startTestApp(env);
  const tenants = await createTenants(t, { callEnabled: true });
  const { id: chatbotId, publicId } = await createLocalCallBot(t, tenants.as.adminA, {
    call: { greeting: 'Hello, Alpha Dental.' },
    widget: { suggestedQuestions: ['What are your business hours?'], ...widget },
  });
  return { t, tenants, chatbotId, publicId, demoUrl: `${t.url}/demo/${publicId}` };
}

/**
 * A WAV for Chromium's fake microphone: `text` spoken by flite, then enough
 * silence for the turn to end and the answer to play (Chromium loops the file).
 */
export function microphoneWav(text: string, silenceMs = 6000): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'buzzi-mic-')), 'caller.wav');
  writeFileSync(file, encodeWav(concatAudio([spokenAudio(text), silenceAudio(silenceMs)])));
  return file;
}

/**
 * Records every text the bot's newest reply shows (not its typing dots), for
 * replies that start after this call, to tell a streamed answer from one
 * painted at once.
 */
export async function recordBotReply(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const root = document.querySelector('buzzi-widget')?.shadowRoot;
    const log = root?.querySelector('[role="log"][aria-label="Conversation"]');
    if (!log) throw new Error('the conversation is not open');
    const replies = () => log.querySelectorAll('li[data-role="assistant"]');
    const earlier = replies().length;
    const seen: string[] = [];
    (window as unknown as { replyTexts: string[] }).replyTexts = seen;
    new MutationObserver(() => {
      const all = replies();
      if (all.length <= earlier) return;
      const bubble = all[all.length - 1]?.querySelector('.bz-bubble:not(.bz-typing)');
      const text = bubble?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(log, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { replyTexts: string[] }).replyTexts);
}

/** Calls `window.Buzzi[method]()`, as the embedding page's own script would. */
export function callBuzzi(page: Page, method: 'open' | 'close' | 'toggle' | 'startCall') {
  return page.evaluate(
    (name) => (window as unknown as { Buzzi: Record<string, () => void> }).Buzzi[name]?.(),
    method,
  );
}

/** Whether keyboard focus is on this element of the widget's shadow root. */
export function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (element) => element === (element.getRootNode() as ShadowRoot).activeElement,
  );
}
