import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookOutbox } from '../../../src/server/webhooks/webhook-outbox.js';
import { WebhookSender } from '../../../src/server/webhooks/webhook-sender.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { WebhookReceiver } from '../../helpers/webhook-receiver.js';

// Three nodes on one database: the app's own sender and two more built like
// app.ts builds them. Each delivery must go out once, and their logs must hold
// neither the signing secret nor what was sent.

const EVENTS = 30;
const SECRET_WORDS = 'Mrs Quinn-Abernathy needs her crown refitted';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createTenants>>['as']['adminA'];
let companyId: string;

beforeAll(async () => {
  t = await startTestApp({
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_RETRY_INTERVALS_MS: '100',
    WEBHOOK_POLL_MS: '50',
  });
  const tenants = await createTenants(t);
  admin = tenants.as.adminA;
  companyId = tenants.companyA.id;
});
afterAll(() => t?.close());

function node(logLines: string[]) {
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const outbox = new WebhookOutbox({ db: t.db, logger });
  const sender = new WebhookSender({
    db: t.db,
    secretBox: t.secretBox,
    config: t.config.webhooks,
    logger,
    outbox,
  });
  return { outbox, sender };
}

describe('webhook sending across nodes', () => {
  it('sends each delivery once while three nodes claim at the same time', async () => {
    const receiver = await WebhookReceiver.start();
    const logLines: string[] = [];
    const [a, b] = [node(logLines), node(logLines)];
    a.sender.start();
    b.sender.start();
    try {
      const created = await admin.post<{ secret: string }>('/api/company/webhooks', {
        url: receiver.url,
        events: ['ticket.created'],
      });
      receiver.secret = created.body.secret;
      await Promise.all(
        Array.from({ length: EVENTS }, (_, i) =>
          (i % 2 ? a : b).outbox.enqueue('ticket.created', { companyId }, async () => ({
            n: i,
            message: SECRET_WORDS,
          })),
        ),
      );
      const deadline = Date.now() + 15_000;
      while (receiver.received.length < EVENTS && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ids = receiver.received.map((h) => h.headers['buzzi-delivery']);
      expect(ids).toHaveLength(EVENTS);
      expect(new Set(ids).size).toBe(EVENTS);
      expect(receiver.received.every((h) => h.signatureValid)).toBe(true);

      // A failing receiver: the nodes log the failure, never the secret or the payload.
      receiver.status = () => 500;
      await a.outbox.enqueue('ticket.created', { companyId }, async () => ({
        message: SECRET_WORDS,
      }));
      const failedBefore = receiver.received.length;
      while (receiver.received.length < failedBefore + 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await Promise.all([a.sender.stop(), b.sender.stop()]);
      const logs = logLines.join('');
      expect(receiver.received.length).toBeGreaterThanOrEqual(failedBefore + 1);
      expect(logs).not.toContain(created.body.secret);
      expect(logs).not.toContain(SECRET_WORDS);
    } finally {
      await a.sender.stop();
      await b.sender.stop();
      await receiver.close();
    }
  });
});
