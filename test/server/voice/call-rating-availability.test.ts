import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, companies } from '../../../src/server/db/schema/index.js';
import { expectError } from '../../helpers/expect-error.js';
import {
  type GatewayWorld,
  hangUp,
  newCallSession,
  startBrowserCall,
  startGatewayWorld,
} from './browser-gateway-setup.js';

// The widget's call button and the stars after a call: what the public API says and stores.

let world: GatewayWorld;
beforeAll(async () => {
  world = await startGatewayWorld();
});
afterAll(() => world?.close());

const rate = (sessionId: string, token: string, rating: unknown) =>
  world
    .visitor()
    .request(
      'POST',
      `/api/widget/call/${sessionId}/rating`,
      { rating },
      { authorization: `Bearer ${token}` },
    );

describe('rating a browser call', () => {
  it('stores the caller’s stars on the call, with the session token only', async () => {
    const bot = await world.createCallBot();
    const session = await newCallSession(world.visitor(), bot.publicId);
    const client = await startBrowserCall(session);
    const callId = String(client.eventsOf('call.started')[0]?.callId);
    await hangUp(client);

    expectError(await rate(session.sessionId, 'not-the-token', 4), 401, 'invalid_call_session');
    const outOfRange = await rate(session.sessionId, session.token, 6);
    expect(outOfRange.status).toBe(400);
    expect((await rate(session.sessionId, session.token, 4)).status).toBe(204);
    const [row] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
    expect(row?.rating).toBe(4);
    // The first rating stands: a second one, even with the right token, is refused.
    const second = expectError(
      await rate(session.sessionId, session.token, 1),
      409,
      'already_rated',
    );
    expect(second.message).toMatch(/already been rated/);
    const [again] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
    expect(again?.rating).toBe(4);
  });

  it('refuses to rate a call that never started', async () => {
    const bot = await world.createCallBot();
    const session = await newCallSession(world.visitor(), bot.publicId);
    expectError(await rate(session.sessionId, session.token, 3), 409, 'conflict');
  });
});

describe('the widget config of a call chatbot', () => {
  type Config = { call?: { available: boolean; message: string | null } };
  const configOf = async (publicId: string) =>
    (await world.visitor().get<Config>(`/api/widget/${publicId}/config`)).body;

  it('offers the call while the company has the Call Feature and a free line', async () => {
    const bot = await world.createCallBot();
    expect((await configOf(bot.publicId)).call).toEqual({
      available: true,
      message: null,
      recorded: false,
    });
    const chat = await world.createChatBot();
    expect((await configOf(chat.publicId)).call).toBeUndefined();
  });

  it('shows the call button disabled when the feature is off or every line is busy', async () => {
    const bot = await world.createCallBot();
    const companyId = world.tenants.companyA.id;
    const [company] = await world.t.db.select().from(companies).where(eq(companies.id, companyId));
    if (!company) throw new Error('company missing');
    const unavailable = {
      available: false,
      message: 'Voice calls temporarily unavailable',
      recorded: false,
    };

    await world.t.db
      .update(companies)
      .set({ settings: { ...company.settings, limits: { maxConcurrentCalls: 0 } } })
      .where(eq(companies.id, companyId));
    expect((await configOf(bot.publicId)).call).toEqual(unavailable);

    await world.t.db
      .update(companies)
      .set({ settings: { ...company.settings, features: { callEnabled: false } } })
      .where(eq(companies.id, companyId));
    expect((await configOf(bot.publicId)).call).toEqual(unavailable);

    await world.t.db
      .update(companies)
      .set({ settings: company.settings })
      .where(eq(companies.id, companyId));
    expect((await configOf(bot.publicId)).call).toEqual({
      available: true,
      message: null,
      recorded: false,
    });
  });
});
