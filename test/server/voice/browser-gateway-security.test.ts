import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { calls } from '../../../src/server/db/schema/index.js';
import {
  expectError,
  expectFieldError,
  expectServerStillServes,
} from '../../helpers/expect-error.js';
import { CallClient, UpgradeRefused } from './browser-gateway-client.js';
import {
  type CallSessionBody,
  type GatewayWorld,
  hangUp,
  newCallSession,
  requestCallSession,
  socketUrl,
  startBrowserCall,
  startGatewayWorld,
} from './browser-gateway-setup.js';

// Who may open a browser call and what a hostile client can do to the gateway.

let world: GatewayWorld;
let bot: { id: string; publicId: string };

beforeAll(async () => {
  world = await startGatewayWorld();
  bot = await world.createCallBot();
});

afterAll(async () => {
  await world?.close();
});

async function refusedUpgrade(url: string): Promise<UpgradeRefused> {
  const error = await CallClient.connect(url).then(
    (client) => {
      client.socket.terminate();
      throw new Error('the upgrade was accepted');
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(UpgradeRefused);
  return error as UpgradeRefused;
}

/** A session of a chatbot of its own, so no test spends another's rate limit. */
async function freshSession(): Promise<CallSessionBody> {
  return newCallSession(world.visitor(), (await world.createCallBot()).publicId);
}

function expectRefusal(refusal: UpgradeRefused, status: number, error: string) {
  expectError(refusal, status, error);
}

describe('POST /api/widget/call/session', () => {
  it('validates the body', async () => {
    expectFieldError(await requestCallSession(world.visitor(), undefined), 'chatbotId');
    expectFieldError(await requestCallSession(world.visitor(), 42), 'chatbotId');
    expectFieldError(await requestCallSession(world.visitor(), 'x'.repeat(41)), 'chatbotId');
    const extra = await world
      .visitor()
      .post('/api/widget/call/session', { chatbotId: bot.publicId, companyId: 'x' });
    expectError(extra, 400, 'validation_error');
    const malformed = await world.visitor().post('/api/widget/call/session', '{"chatbotId":');
    expect(malformed.status).toBe(400);
    await expectServerStillServes(world.visitor());
  });

  it('answers 404 for an unknown chatbot and 409 for a chat-only one', async () => {
    expectError(await requestCallSession(world.visitor(), 'cb_nope'), 404, 'not_found');
    const chatBot = await world.createChatBot();
    const chatOnly = expectError(
      await requestCallSession(world.visitor(), chatBot.publicId),
      409,
      'conflict',
    );
    expect(chatOnly.message).toMatch(/chat only/);
  });

  it('answers 403 call_feature_disabled once the company loses the Call Feature', async () => {
    const betaBot = await world.createCallBot({}, world.tenants.as.adminB);
    await newCallSession(world.visitor(), betaBot.publicId);
    const off = await world.tenants.as.master.patch(
      `/api/master/companies/${world.tenants.companyB.id}/settings`,
      { features: { callEnabled: false } },
    );
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expectError(
      await requestCallSession(world.visitor(), betaBot.publicId),
      403,
      'call_feature_disabled',
    );
  });

  it('answers 409 call_limit_reached while every line is busy', async () => {
    const settings = `/api/master/companies/${world.tenants.companyA.id}/settings`;
    await world.tenants.as.master.patch(settings, { limits: { maxConcurrentCalls: 1 } });
    try {
      // Two sessions issued while the line was free: only the first socket gets the line.
      const first = await newCallSession(world.visitor(), bot.publicId);
      const second = await newCallSession(world.visitor(), bot.publicId);
      const client = await startBrowserCall(first);
      const busy = expectError(
        await requestCallSession(world.visitor(), bot.publicId),
        409,
        'call_limit_reached',
      );
      expect(busy.message).toMatch(/busy/);
      const late = await CallClient.connect(socketUrl(second));
      expect((await late.waitFor('error')).code).toBe('call_limit_reached');
      expect(await late.closed).toEqual({ code: 1000, reason: 'call_limit_reached' });
      expect(late.eventsOf('call.started')).toEqual([]);
      await hangUp(client);
      await newCallSession(world.visitor(), bot.publicId);
    } finally {
      await world.tenants.as.master.patch(settings, { limits: { maxConcurrentCalls: 5 } });
    }
  });

  it('answers CORS preflights from any website', async () => {
    const res = await fetch(new URL('/api/widget/call/session', world.t.url), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dentist.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('limits sessions per address and chatbot', async () => {
    const limited = await world.createCallBot();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await requestCallSession(world.visitor(), limited.publicId)).status);
    }
    expect(statuses).toEqual(Array(10).fill(201));
    expectError(await requestCallSession(world.visitor(), limited.publicId), 429, 'rate_limited');
  });
});

describe('GET /api/widget/call/:sessionId/ws', () => {
  it('refuses a missing or wrong token with 401 and an unknown session with 404', async () => {
    const session = await freshSession();
    expectRefusal(await refusedUpgrade(session.wsUrl), 401, 'invalid_call_session');
    expectRefusal(
      await refusedUpgrade(socketUrl(session, 'forged-token')),
      401,
      'invalid_call_session',
    );
    const other = await freshSession();
    expectRefusal(
      await refusedUpgrade(socketUrl(session, other.token)),
      401,
      'invalid_call_session',
    );
    const unknown = session.wsUrl.replace(session.sessionId, randomUUID());
    expectRefusal(await refusedUpgrade(`${unknown}?token=${session.token}`), 404, 'not_found');
    const malformed = session.wsUrl.replace(session.sessionId, 'not-a-session');
    expectRefusal(
      await refusedUpgrade(`${malformed}?token=${session.token}`),
      400,
      'validation_error',
    );
    // The wrong attempts did not use the token up.
    const client = await startBrowserCall(session);
    await hangUp(client);
  });

  it('refuses a token that was already used', async () => {
    const session = await freshSession();
    const client = await startBrowserCall(session);
    const reused = await refusedUpgrade(socketUrl(session));
    expectRefusal(reused, 401, 'invalid_call_session');
    expect((reused.body as { message: string }).message).toMatch(/already used/);
    // The live call is untouched by the refused second socket.
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    await hangUp(client);
  });

  it('refuses a token not used within 60 s', async () => {
    const session = await freshSession();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      const expired = await refusedUpgrade(socketUrl(session));
      expectRefusal(expired, 401, 'invalid_call_session');
      expect((expired.body as { message: string }).message).toMatch(/expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends the call of a caller who left while it was being set up', async () => {
    const callBot = await world.createCallBot();
    const session = await newCallSession(world.visitor(), callBot.publicId);
    const socket = new WebSocket(socketUrl(session));
    // Hangs up the moment the socket opens, before the call could have been set up.
    socket.on('open', () => socket.send(JSON.stringify({ type: 'end' })));
    await once(socket, 'close');
    await expect
      .poll(async () =>
        world.t.db
          .select({ status: calls.status, endReason: calls.endReason })
          .from(calls)
          .where(eq(calls.chatbotId, callBot.id)),
      )
      .toEqual([{ status: 'completed', endReason: 'caller_ended' }]);
  });

  it('answers a plain GET with 426', async () => {
    const session = await freshSession();
    const res = await world.visitor().get(new URL(socketUrl(session)).pathname);
    expectError(res, 426, 'upgrade_required');
  });

  it('answers garbage with error events, closes with 1008 after 20 and keeps serving', async () => {
    const session = await freshSession();
    const client = await startBrowserCall(session);
    const callId = String(client.eventsOf('call.started')[0]?.callId);
    // One byte pair over a second of audio at the rate the session asked for.
    client.socket.send(Buffer.alloc(session.inputSampleRate * 2 + 2));
    client.socket.send(Buffer.alloc(3));
    client.socket.send('{"type":');
    client.socket.send(JSON.stringify({ type: 'speak', text: 'hi' }));
    await client.until(() => client.eventsOf('error').length >= 4, 'four error events');
    expect(client.eventsOf('error').map((e) => e.code)).toEqual([
      'frame_too_large',
      'frame_misaligned',
      'invalid_json',
      'unknown_message',
    ]);
    for (let i = 0; i < 30; i++) client.socket.send(`nonsense ${i}`);
    const closed = await client.closed;
    expect(closed).toEqual({ code: 1008, reason: 'Too many invalid frames' });
    expect(client.eventsOf('error')).toHaveLength(20);

    await expect
      .poll(async () => (await world.t.db.select().from(calls).where(eq(calls.id, callId)))[0])
      .toMatchObject({ status: 'failed', endReason: 'transport_error' });
    await expectServerStillServes(world.visitor());
    await hangUp(await startBrowserCall(await freshSession()));
  });

  it('survives random bytes, broken UTF-8 and oversized messages', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const fuzz = await startBrowserCall(await freshSession());
    for (let i = 0; i < 200 && fuzz.socket.readyState === fuzz.socket.OPEN; i++) {
      const bytes = Buffer.from(
        Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256)),
      );
      fuzz.socket.send(random() < 0.5 ? bytes : bytes.toString('latin1'));
    }
    await fuzz.closed;

    const brokenText = await startBrowserCall(await freshSession());
    brokenText.socket.send(Buffer.from([0xff, 0xfe, 0xfd]), { binary: false });
    expect((await brokenText.closed).code).toBe(1007);

    const huge = await startBrowserCall(await freshSession());
    huge.socket.send(Buffer.alloc(300 * 1024));
    expect((await huge.closed).code).toBe(1009);

    await expectServerStillServes(world.visitor());
    await hangUp(await startBrowserCall(await freshSession()));
  });
});

describe('POST /api/widget/call/:sessionId/end', () => {
  const end = (session: CallSessionBody, token?: string) =>
    world
      .visitor()
      .request(
        'POST',
        `/api/widget/call/${session.sessionId}/end`,
        {},
        token === undefined ? {} : { authorization: `Bearer ${token}` },
      );

  it('needs the session’s own token', async () => {
    const session = await freshSession();
    const other = await freshSession();
    expectError(await end(session), 401, 'invalid_call_session');
    expectError(await end(session, other.token), 401, 'invalid_call_session');
    expectError(
      await end({ ...session, sessionId: randomUUID() }, session.token),
      404,
      'not_found',
    );
  });

  it('ends a live call from outside the socket', async () => {
    const session = await freshSession();
    const client = await startBrowserCall(session);
    const callId = String(client.eventsOf('call.started')[0]?.callId);
    expect((await end(session, session.token)).status).toBe(204);
    const ended = await client.waitFor('call.ended');
    expect(ended.reason).toBe('caller_ended');
    await client.closed;
    const [row] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
    expect(row).toMatchObject({ status: 'completed', endReason: 'caller_ended' });
    expect((await end(session, session.token)).status).toBe(204);
  });

  it('cancels a session before its socket opens', async () => {
    const session = await freshSession();
    expect((await end(session, session.token)).status).toBe(204);
    const refused = await refusedUpgrade(socketUrl(session));
    expectRefusal(refused, 401, 'invalid_call_session');
    expect((refused.body as { message: string }).message).toMatch(/ended/);
  });
});
