// Screenshots of every widget state, light and dark, desktop and phone:
//   npx tsx test/browser/widget-screenshots/take-screenshots.ts [outDir]
// The call screens are driven by a stand-in controller built into a separate
// copy of the bundle; everything else (server, chat, config) is real.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import type { CallState, TranscriptLine } from '../../../src/widget/call/call-types.js';
import { launchChromium } from '../browser.js';
import { callBuzzi, HOURS, startWidgetWorld } from '../widget-world.js';

const outDir = path.resolve(process.argv[2] ?? '/tmp/widget-screenshots');
const repo = path.resolve(import.meta.dirname, '../../..');
const bundleDir = mkdtempSync(path.join(tmpdir(), 'buzzi-widget-shots-'));

await build({
  configFile: path.join(repo, 'src/widget/vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: bundleDir, emptyOutDir: true },
  plugins: [
    {
      name: 'stand-in-call-controller',
      enforce: 'pre',
      resolveId: (source) =>
        source === '../call/create-call'
          ? path.join(import.meta.dirname, 'stand-in-call-controller.ts')
          : null,
    },
  ],
});

const world = await startWidgetWorld({ theme: 'auto' });
const { t, tenants } = world;
const visualizer = (style: 'orb' | 'wave') =>
  tenants.as.adminA.patch(`/api/company/chatbots/${world.chatbotId}`, {
    settings: { widget: { call: { visualizerStyle: style } } },
  });
// A second company whose Call Feature the master turns off.
const offBot = await tenants.as.adminB.post<{ chatbot: { publicId: string } }>(
  '/api/company/chatbots',
  { name: 'Night desk', chatbotType: 'call', settings: { widget: { theme: 'auto' } } },
);
await tenants.as.master.patch(`/api/master/companies/${tenants.companyB.id}/settings`, {
  features: { callEnabled: false },
});
const unavailableUrl = `${t.url}/demo/${offBot.body.chatbot.publicId}`;

const transcript: TranscriptLine[] = [
  { id: 1, speaker: 'agent', text: 'Hello, Alpha Dental.', final: true, interrupted: false },
  {
    id: 2,
    speaker: 'caller',
    text: 'What are your business hours?',
    final: true,
    interrupted: false,
  },
  { id: 3, speaker: 'agent', text: HOURS, final: false, interrupted: false },
];

async function serveStandInBundle(context: BrowserContext) {
  await context.route(`${t.url}/widget.js`, (route) =>
    route.fulfill({ path: path.join(bundleDir, 'widget.js'), contentType: 'text/javascript' }),
  );
  await context.route(`${t.url}/widget/*`, (route) =>
    route.fulfill({
      path: path.join(bundleDir, 'widget', path.basename(new URL(route.request().url()).pathname)),
      contentType: 'text/javascript',
    }),
  );
}

const steer = (page: Page, state: CallState, lines: TranscriptLine[] = []) =>
  page.evaluate(
    ([next, text]) => {
      const call = window.standInCalls?.at(-1);
      call?.setTranscript(text as TranscriptLine[]);
      call?.set(next as CallState);
      // As the real controller does, about 30 times a second.
      setInterval(() => call?.levels(0.04, 0.12), 33);
    },
    [state, lines] as const,
  );

const browser = await launchChromium();
mkdirSync(outDir, { recursive: true });
for (const colorScheme of ['light', 'dark'] as const) {
  // Both visualizers get pictured: the orb in light, the wave in dark.
  await visualizer(colorScheme === 'light' ? 'orb' : 'wave');
  for (const width of [1280, 390]) {
    const context = await browser.newContext({
      viewport: { width, height: width > 480 ? 800 : 844 },
      colorScheme,
      deviceScaleFactor: width > 480 ? 1 : 2,
    });
    await serveStandInBundle(context);
    const page = await context.newPage();
    const shot = (name: string) =>
      page.screenshot({
        path: path.join(outDir, `${colorScheme}-${width}-${name}.png`),
        animations: 'disabled',
      });
    const heading = (name: string) => page.getByRole('heading', { name }).waitFor();

    await page.goto(world.demoUrl);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await shot('01-closed');
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await shot('02-chat-open');
    await page.getByRole('textbox', { name: 'Message' }).fill('When are you open on Saturday?');
    await page.keyboard.press('Enter');
    await page.getByText('9 am to 1 pm').first().waitFor();
    await shot('03-chat-answered');

    await callBuzzi(page, 'close');
    await page.getByRole('button', { name: 'Call us' }).click();
    await page.getByRole('heading', { name: 'Start Voice Call' }).waitFor();
    await shot('04-call-before');
    await page.getByRole('button', { name: 'Start Call' }).click();
    await heading('Requesting microphone…');
    await shot('05-call-requesting');
    await steer(
      page,
      { status: 'active', startedAt: Date.now() - 75_000, muted: false, speaking: 'agent' },
      transcript,
    );
    await heading('Call in Progress');
    // Levels ease in over a few frames.
    await page.waitForTimeout(300);
    await shot('06-call-active');
    await steer(
      page,
      {
        status: 'ended',
        reason: 'silence_timeout',
        durationMs: 83_000,
        message: 'Call ended due to inactivity',
        callId: 'c1',
      },
      transcript,
    );
    await heading('Thank you for calling!');
    await page.getByRole('radio', { name: '4 stars' }).check();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thanks for your feedback!').waitFor();
    await shot('07-call-ended');
    await steer(page, {
      status: 'failed',
      code: 'connection_failed',
      message: 'We could not connect your call. Please try again.',
    });
    await heading('Unable to connect');
    await shot('08-call-failed');
    await page.getByRole('button', { name: 'Retry Call' }).click();
    await heading('Requesting microphone…');
    await steer(page, { status: 'microphone-denied', message: 'Permission denied' });
    await heading('Microphone Access Required');
    await shot('09-call-denied');

    await page.goto(unavailableUrl);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await shot('10-unavailable-closed');
    await callBuzzi(page, 'startCall');
    await heading('Voice calls temporarily unavailable');
    await shot('11-unavailable-open');
    await context.close();
  }
}

// With reduced motion the visualizer is one still picture.
const still = await browser.newContext({
  viewport: { width: 1280, height: 800 },
  reducedMotion: 'reduce',
});
await serveStandInBundle(still);
const stillPage = await still.newPage();
await stillPage.goto(world.demoUrl);
await stillPage.getByRole('button', { name: 'Call us' }).click();
await stillPage.getByRole('button', { name: 'Start Call' }).click();
await steer(
  stillPage,
  { status: 'active', startedAt: Date.now(), muted: true, speaking: null },
  transcript,
);
await stillPage.getByRole('heading', { name: 'Call in Progress' }).waitFor();
await stillPage.screenshot({ path: path.join(outDir, 'reduced-motion-call-active.png') });

await browser.close();
await t.close();
console.log(`Screenshots in ${outDir}`);
