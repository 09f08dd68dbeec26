import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../../src/server/crypto/secret-box.js';
import { calls, webhookDeliveries, webhooks } from '../../../src/server/db/schema/index.js';
import { WebhookOutbox } from '../../../src/server/webhooks/webhook-outbox.js';
import {
  createCallChatbot,
  createManagerWorld,
  logger,
  type ManagerWorld,
} from '../voice/calls/manager-world.js';

// A node that died mid-call: the node that closes the call on start-up tells
// the endpoints that heard it start that it ended.

let world: ManagerWorld;

beforeAll(async () => {
  world = await createManagerWorld();
});
afterAll(() => world?.close());

describe('calls closed by recovery', () => {
  it('enqueue call.ended once for the endpoints subscribed to it', async () => {
    const { company, chatbot } = await createCallChatbot(world);
    const secretBox = new SecretBox(randomBytes(32));
    const [subscribed, other] = await world.db
      .insert(webhooks)
      .values([
        {
          companyId: company.id,
          url: 'https://hooks.example.com/ended',
          secretEncrypted: secretBox.seal('whsec_test'),
          events: ['call.ended'],
        },
        {
          companyId: company.id,
          url: 'https://hooks.example.com/tickets',
          secretEncrypted: secretBox.seal('whsec_test'),
          events: ['ticket.created'],
        },
      ])
      .returning();
    const [call] = await world.db
      .insert(calls)
      .values({
        companyId: company.id,
        chatbotId: chatbot.id,
        source: 'web',
        status: 'in_progress',
        nodeId: 'crashed-node',
      })
      .returning();
    if (!call || !subscribed || !other) throw new Error('setup failed');

    const outbox = new WebhookOutbox({ db: world.db, logger });
    const { manager } = world.manager({ nodeId: 'crashed-node', webhooks: outbox });
    expect(await manager.recoverAbandoned()).toBe(1);
    await outbox.settled();

    const rows = await world.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.companyId, company.id));
    expect(rows.map((r) => [r.webhookId, r.event])).toEqual([[subscribed.id, 'call.ended']]);
    expect(rows[0]?.payload).toMatchObject({
      type: 'call.ended',
      data: { id: call.id, status: 'failed', endReason: 'server_restart' },
    });
  });
});
