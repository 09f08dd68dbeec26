import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import {
  type Category,
  createCategory,
  DOCUMENTS,
  upload,
  waitForDocument,
} from '../helpers/knowledge.js';
import { minimalPdf, pdfBombs } from '../helpers/pdf-fixture.js';
import type { CallClient } from './voice/browser-gateway-client.js';
import {
  type GatewayWorld,
  hangUp,
  newCallSession,
  startBrowserCall,
  startGatewayWorld,
} from './voice/browser-gateway-setup.js';

const UPLOAD = `${DOCUMENTS}/upload`;
// The fake provider speaks in 20 ms chunks, in real time, for two minutes.
const CHUNK_MS = 20;
const MAX_FRAME_GAP_MS = 100;

let world: GatewayWorld;
let category: Category;

beforeAll(async () => {
  world = await startGatewayWorld(
    { pacing: 'realtime', chunkMs: CHUNK_MS, replies: [{ say: 'Please hold.', audioMs: 120_000 }] },
    {
      KNOWLEDGE_MAX_TEXT_CHARS: '1000000',
      KNOWLEDGE_WORKER_MEMORY_MB: '160',
      // Long enough that a loaded CI machine still sees the memory limit, not the time limit, stop the newline bomb.
      KNOWLEDGE_WORKER_TIMEOUT_MS: '45000',
    },
  );
  category = await createCategory(world.tenants.as.adminA, 'Bombs');
});

afterAll(async () => {
  await world?.close();
});

const SCHEDSTAT = '/proc/thread-self/schedstat';

/**
 * CPU time this thread has run, in ms: the app, the fake provider and the
 * caller all run on it. Without Linux's schedstat, wall-clock time stands in.
 */
const threadCpuMs = existsSync(SCHEDSTAT)
  ? () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6
  : () => performance.now();

type Stamp = { wallMs: number; cpuMs: number };
const stamp = (): Stamp => ({ wallMs: performance.now(), cpuMs: threadCpuMs() });

/** When each binary (audio) frame of the call arrived. */
function frameTimes(client: CallClient): Stamp[] {
  const stamps: Stamp[] = [];
  client.socket.on('message', (_data, isBinary) => {
    if (isBinary) stamps.push(stamp());
  });
  return stamps;
}

/**
 * The longest silence between audio frames within [from, to]: in wall-clock
 * time, and in CPU time this thread ran during it. On a machine shared with
 * other work the wall clock also counts time the OS gave to other processes;
 * the CPU time is what the server itself spent without sending a frame.
 */
function largestGap(stamps: Stamp[], from: Stamp, to: Stamp) {
  const inWindow = [
    from,
    ...stamps.filter((s) => s.wallMs > from.wallMs && s.wallMs < to.wallMs),
    to,
  ];
  let wallMs = 0;
  let cpuMs = 0;
  for (let index = 1; index < inWindow.length; index++) {
    const [before, after] = [inWindow[index - 1], inWindow[index]];
    if (!before || !after) continue;
    wallMs = Math.max(wallMs, after.wallMs - before.wallMs);
    cpuMs = Math.max(cpuMs, after.cpuMs - before.cpuMs);
  }
  return { wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs) };
}

/** Asks /api/health again and again until stopped; every answer's status and latency. */
function pollHealth(client: ApiClient) {
  const answers: Array<{ status: number; ms: number }> = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const res = await client.get('/api/health');
      answers.push({ status: res.status, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    answers,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

async function uploadPdf(admin: ApiClient, fileName: string, bytes: Buffer) {
  return upload<{ document?: { id: string }; message?: string }>(admin, UPLOAD, {
    fileName,
    bytes,
    fields: { categoryId: category.id },
  });
}

describe('PDF bombs while a call streams audio', () => {
  it('fails each bomb with a readable reason while the call’s audio keeps flowing and health answers', async () => {
    const admin = world.tenants.as.adminA;
    // The worker starts with the first upload, before the call, as on a running server.
    const warmUp = await uploadPdf(admin, 'hours.pdf', minimalPdf([['Open Monday to Friday.']]));
    expect(warmUp.status, JSON.stringify(warmUp.body)).toBe(201);

    const bombs = [
      {
        name: 'text.pdf',
        bytes: await pdfBombs.textOperators(20_000_000),
        reason: 'PDF is too large to extract: more than 1 million characters',
      },
      {
        name: 'newlines.pdf',
        bytes: await pdfBombs.newlines(400),
        reason: 'Extraction ran out of memory',
      },
      {
        name: 'pages.pdf',
        bytes: await pdfBombs.sharedStream(100, 300_000),
        reason: 'PDF is too large to extract: more than 1 million characters',
      },
    ];

    const bot = await world.createCallBot();
    const client = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
    const frames = frameTimes(client);
    await client.until(() => frames.length >= 10, 'the greeting streaming');

    const health = pollHealth(world.visitor());
    try {
      for (const bomb of bombs) {
        const started = stamp();
        const res = await uploadPdf(admin, bomb.name, bomb.bytes);
        const ended = stamp();
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.message).toBe(bomb.reason);
        const gap = largestGap(frames, started, ended);
        expect(
          gap.cpuMs,
          `largest gap between audio frames while ${bomb.name} was read: ${JSON.stringify(gap)}`,
        ).toBeLessThan(MAX_FRAME_GAP_MS);
      }
    } finally {
      await health.stop();
    }
    expect(health.answers.length).toBeGreaterThan(3);
    expect(health.answers.every((answer) => answer.status === 200)).toBe(true);
    expect(Math.max(...health.answers.map((answer) => answer.ms))).toBeLessThan(1000);

    // A new worker reads the next file.
    const after = await uploadPdf(
      admin,
      'parking.pdf',
      minimalPdf([['Parking behind the building.']]),
    );
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const ready = await waitForDocument(admin, String(after.body.document?.id));
    expect(ready.text).toBe('Parking behind the building.');
    await hangUp(client);
    // Reading the three bombs takes about 14 s on a quiet machine; CI shares two cores.
  }, 180_000);
});

describe('upload rate limit', () => {
  it('allows a company 30 uploads a minute, then answers 429; other companies are not affected', async () => {
    const admin = world.tenants.as.adminB;
    const own = await createCategory(admin, 'Many');
    const send = (client: ApiClient, categoryId: string, index: number) =>
      upload<{ message?: string }>(client, UPLOAD, {
        fileName: `note-${index}.txt`,
        bytes: Buffer.from(`Note number ${index}.`),
        fields: { categoryId },
      });
    for (let index = 0; index < 30; index++) {
      const res = await send(admin, own.id, index);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const limited = await send(admin, own.id, 30);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(
      /^Too many uploads for this company: at most 30 a minute\. Try again in \d+ (seconds?|minutes?)\.$/,
    );
    const otherCompany = await send(world.tenants.as.adminA, category.id, 31);
    expect(otherCompany.status, JSON.stringify(otherCompany.body)).toBe(201);
  });
});
