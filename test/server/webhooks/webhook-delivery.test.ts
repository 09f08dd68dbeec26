import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../../../src/server/db/schema/index.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { WebhookReceiver } from '../../helpers/webhook-receiver.js';
import {
  type GatewayWorld,
  hangUp,
  newCallSession,
  startBrowserCall,
  startGatewayWorld,
} from '../voice/browser-gateway-setup.js';

// Real web calls (OpenAI Realtime played by the local fake) and real HTTP
// receivers on port 0 that check every signature as the README says.

const WEBHOOKS = '/api/company/webhooks';
const RETRY_MS = [150, 300];

type Created = { webhook: { id: string; isActive: boolean }; secret: string };
type Delivery = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
};

let world: GatewayWorld;
let admin: ApiClient;

beforeAll(async () => {
  world = await startGatewayWorld(
    {},
    {
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_INTERVALS_MS: RETRY_MS.join(','),
      WEBHOOK_DISABLE_AFTER_FAILURES: '6',
      WEBHOOK_POLL_MS: '50',
    },
  );
  admin = world.tenants.as.adminA;
});
afterAll(() => world?.close());

async function addEndpoint(receiver: WebhookReceiver, events: string[], client = admin) {
  const res = await client.post<Created>(WEBHOOKS, { url: receiver.url, events });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  receiver.secret = res.body.secret;
  return res.body.webhook;
}

const deliveries = async (webhookId: string) =>
  (await admin.get<{ deliveries: Delivery[] }>(`${WEBHOOKS}/${webhookId}/deliveries`)).body
    .deliveries;

describe('webhook deliveries of a real call', () => {
  it('sends call.started, call.ended and call.analyzed, signed, with the call and its transcript', async () => {
    const receiver = await WebhookReceiver.start();
    const other = await WebhookReceiver.start();
    try {
      const webhook = await addEndpoint(receiver, ['call.started', 'call.ended', 'call.analyzed']);
      // Another company's endpoint hears nothing of company A's call.
      await addEndpoint(other, ['call.started', 'call.ended'], world.tenants.as.adminB);

      const bot = await world.createCallBot();
      const caller = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
      const callId = String(caller.eventsOf('call.started')[0]?.callId);
      const started = await receiver.waitFor((h) => h.json.type === 'call.started');
      expect(started.signatureValid).toBe(true);
      expect(started.headers['buzzi-event']).toBe('call.started');
      expect(started.json.data).toMatchObject({ id: callId, source: 'web', status: 'in_progress' });

      await caller.waitFor('transcript.final');
      await hangUp(caller);
      const ended = await receiver.waitFor((h) => h.json.type === 'call.ended');
      const analyzed = await receiver.waitFor((h) => h.json.type === 'call.analyzed');
      for (const hook of [ended, analyzed]) {
        expect(hook.signatureValid).toBe(true);
        expect(hook.json.id).toMatch(/^evt_/);
        expect(hook.json.data).toMatchObject({ id: callId, status: 'completed' });
        expect(hook.json.data.transcript).toEqual([
          expect.objectContaining({ speaker: 'agent', text: 'Hello from Alpha Dental.' }),
        ]);
      }
      expect(analyzed.json.data.summary).toEqual(expect.any(String));
      // The delivery header names the row the log shows.
      const log = await deliveries(webhook.id);
      expect(log.map((d) => d.event).sort()).toEqual([
        'call.analyzed',
        'call.ended',
        'call.started',
      ]);
      expect(log.every((d) => d.status === 'succeeded' && d.responseStatus === 204)).toBe(true);
      expect(log.map((d) => d.id)).toContain(ended.headers['buzzi-delivery']);
      expect(other.received).toEqual([]);
    } finally {
      await receiver.close();
      await other.close();
    }
  });

  it('sends ticket.created when the agent takes a message', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      await addEndpoint(receiver, ['ticket.created']);
      const bot = await world.createCallBot();
      const caller = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
      await world.fake.callerTurn({
        transcript: 'Please tell the doctor to call me back.',
        reply: {
          toolCall: {
            name: 'take_message',
            arguments: JSON.stringify({
              name: 'Ann Lee',
              phone: '555-0100',
              message: 'Please call me back about my crown.',
            }),
          },
        },
      });
      const ticket = await receiver.waitFor((h) => h.json.type === 'ticket.created');
      expect(ticket.signatureValid).toBe(true);
      expect(ticket.json.data).toMatchObject({
        name: 'Ann Lee',
        message: 'Please call me back about my crown.',
        status: 'open',
      });
      await hangUp(caller);
      // Only the event subscribed to goes out.
      expect(receiver.received.map((h) => h.json.type)).toEqual(['ticket.created']);

      // A ticket staff make is announced the same way.
      const made = await admin.post<{ ticket: { id: string } }>('/api/company/tickets', {
        message: 'Check the insurance form',
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const staffTicket = await receiver.waitFor((h) => h.json.data.id === made.body.ticket.id);
      expect(staffTicket.json).toMatchObject({
        type: 'ticket.created',
        data: { message: 'Check the insurance form' },
      });
    } finally {
      await receiver.close();
    }
  });
});

describe('POST /api/company/webhooks/:id/test', () => {
  it('sends a signed webhook.test now and answers the delivery', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const webhook = await addEndpoint(receiver, ['call.ended']);
      const res = await admin.post<{ delivery: Delivery }>(`${WEBHOOKS}/${webhook.id}/test`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.delivery).toMatchObject({
        event: 'webhook.test',
        status: 'succeeded',
        responseStatus: 204,
        attempts: 1,
      });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]?.signatureValid).toBe(true);
      expect(receiver.received[0]?.headers['buzzi-delivery']).toBe(res.body.delivery.id);

      receiver.status = () => 500;
      const failed = await admin.post<{ delivery: Delivery }>(`${WEBHOOKS}/${webhook.id}/test`);
      expect(failed.body.delivery).toMatchObject({
        status: 'failed',
        responseStatus: 500,
        responseBody: 'receiver says no (500)',
      });
    } finally {
      await receiver.close();
    }
  });

  it('reports an endpoint that does not answer', async () => {
    const receiver = await WebhookReceiver.start();
    const webhook = await addEndpoint(receiver, ['call.ended']);
    await receiver.close();
    const res = await admin.post<{ delivery: Delivery }>(`${WEBHOOKS}/${webhook.id}/test`);
    expect(res.body.delivery).toMatchObject({
      status: 'failed',
      responseStatus: null,
      responseBody: 'Connection refused',
    });
  });
});

describe('a failing receiver', () => {
  it('gets retries with growing waits, then the endpoint is disabled and the admins alerted', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.status = () => 503;
    try {
      const webhook = await addEndpoint(receiver, ['call.started', 'call.ended']);
      const bot = await world.createCallBot();
      const caller = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
      await hangUp(caller);

      // Two events, three attempts each (two retry intervals): six failures disable it.
      await waitUntil(async () => {
        const view = await admin.get<{ webhook: { isActive: boolean } }>(
          `${WEBHOOKS}/${webhook.id}`,
        );
        return !view.body.webhook.isActive;
      });
      const started = receiver.received.filter((h) => h.json.type === 'call.started');
      expect(started).toHaveLength(3);
      // The same event (one id) each time, with the configured backoff between tries.
      expect(new Set(started.map((h) => h.json.id)).size).toBe(1);
      const gaps = started.slice(1).map((h, i) => h.receivedAt - (started[i]?.receivedAt ?? 0));
      expect(gaps[0]).toBeGreaterThanOrEqual(RETRY_MS[0] ?? 0);
      expect(gaps[1]).toBeGreaterThanOrEqual(RETRY_MS[1] ?? 0);

      const view = await admin.get<{
        webhook: { isActive: boolean; disabledReason: string; consecutiveFailures: number };
      }>(`${WEBHOOKS}/${webhook.id}`);
      expect(view.body.webhook.disabledReason).toMatch(/6 failed deliveries in a row.*HTTP 503/);
      const log = await deliveries(webhook.id);
      expect(log.map((d) => [d.event, d.status, d.attempts, d.responseStatus])).toEqual(
        expect.arrayContaining([
          ['call.started', 'failed', 3, 503],
          ['call.ended', 'failed', 3, 503],
        ]),
      );

      const bell = await admin.get<{ notifications: Array<{ kind: string; title: string }> }>(
        '/api/company/notifications',
      );
      expect(bell.body.notifications).toContainEqual(
        expect.objectContaining({ kind: 'webhook_disabled', title: 'Webhook disabled' }),
      );

      // Disabled: the next call's events are not even enqueued.
      const before = receiver.received.length;
      await hangUp(await startBrowserCall(await newCallSession(world.visitor(), bot.publicId)));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received).toHaveLength(before);

      // Re-enabling resets the failures; the receiver works again.
      receiver.status = () => 200;
      const enabled = await admin.patch<{
        webhook: { isActive: boolean; disabledReason: string | null; consecutiveFailures: number };
      }>(`${WEBHOOKS}/${webhook.id}`, { isActive: true });
      expect(enabled.body.webhook).toMatchObject({
        isActive: true,
        disabledReason: null,
        consecutiveFailures: 0,
      });
      await hangUp(await startBrowserCall(await newCallSession(world.visitor(), bot.publicId)));
      await receiver.waitFor(
        (h) => h.json.type === 'call.ended' && receiver.received.indexOf(h) >= before,
      );
    } finally {
      await receiver.close();
    }
  });

  it('a delivery claimed by a node that died is sent again once its lease runs out', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const webhook = await addEndpoint(receiver, ['call.ended']);
      const res = await admin.post<{ delivery: Delivery }>(`${WEBHOOKS}/${webhook.id}/test`);
      // A pending row whose next attempt is due: as a lease of a dead node looks once it expires.
      await world.t.db
        .update(webhookDeliveries)
        .set({ status: 'pending', nextAttemptAt: new Date(Date.now() - 1000) })
        .where(
          and(
            eq(webhookDeliveries.id, res.body.delivery.id),
            eq(webhookDeliveries.webhookId, webhook.id),
          ),
        );
      await receiver.waitFor(
        (h) =>
          h.headers['buzzi-delivery'] === res.body.delivery.id && receiver.received.indexOf(h) > 0,
      );
      await waitUntil(async () => (await deliveries(webhook.id))[0]?.status === 'succeeded');
      expect((await deliveries(webhook.id))[0]?.attempts).toBe(2);
    } finally {
      await receiver.close();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
