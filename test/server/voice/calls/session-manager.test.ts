import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatbotPackages } from '../../../../src/server/db/schema/index.js';
import type { AppError } from '../../../../src/server/http/errors.js';
import { agentProviderFactory } from '../../../../src/server/voice/calls/provider-registry.js';
import {
  CallSessionTokens,
  MemorySessionStore,
} from '../../../../src/server/voice/calls/session-tokens.js';
import { RecordingCallerLeg } from '../../../fakes/recording-caller-leg.js';
import {
  callRow,
  createCallChatbot,
  createManagerWorld,
  logger,
  type ManagerWorld,
  modelIdOf,
  NO_KEYS,
  placeCall,
} from './manager-world.js';

let world: ManagerWorld;

beforeAll(async () => {
  world = await createManagerWorld();
});
afterAll(() => world?.close());

/** The error a promise rejects with, as the HTTP layer would turn it into a response. */
async function refusal(promise: Promise<unknown>): Promise<Pick<AppError, 'statusCode' | 'code'>> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as AppError | null;
  if (!error) throw new Error('expected a refusal');
  return { statusCode: error.statusCode, code: error.code };
}

describe('call session tokens', () => {
  it('redeem once, with the right token, within 60 seconds', async () => {
    const { manager } = world.manager();
    const { chatbot } = await createCallChatbot(world);
    const issued = await manager.createSession({
      chatbotPublicId: chatbot.publicId,
      ip: '203.0.113.7',
    });
    expect(issued.token.length).toBeGreaterThanOrEqual(40);
    expect(await refusal(manager.redeem(issued.sessionId, 'wrong-token'))).toEqual({
      statusCode: 401,
      code: 'invalid_call_session',
    });
    const session = await manager.redeem(issued.sessionId, issued.token);
    expect(session).toMatchObject({
      id: issued.sessionId,
      chatbotId: chatbot.id,
      companyId: chatbot.companyId,
      ip: '203.0.113.7',
    });
    expect(session.expiresAt - session.createdAt).toBe(24 * 3600_000);
    expect(await refusal(manager.redeem(issued.sessionId, issued.token))).toMatchObject({
      statusCode: 401,
    });
  });

  it('expire unused after 60 seconds and store only a hash of the token', async () => {
    let now = 1_000_000;
    const store = new MemorySessionStore(() => now);
    const tokens = new CallSessionTokens(store, () => now);
    const issued = await tokens.issue({
      companyId: 'c',
      chatbotId: 'b',
      chatbotPublicId: 'cb_x',
      ip: '203.0.113.7',
    });
    expect(await store.get(issued.sessionId)).not.toContain(issued.token);
    now += 60_001;
    expect(await tokens.redeem(issued.sessionId, issued.token)).toBeNull();
  });

  it('refuse chatbots that cannot take calls', async () => {
    const { manager } = world.manager();
    const off = await createCallChatbot(world, { callEnabled: false });
    const chat = await createCallChatbot(world, { chatbotType: 'chat' });
    const create = (chatbotPublicId: string) =>
      refusal(manager.createSession({ chatbotPublicId, ip: '203.0.113.7' }));
    expect(await create('cb_unknown')).toEqual({ statusCode: 404, code: 'not_found' });
    expect(await create(off.chatbot.publicId)).toEqual({
      statusCode: 403,
      code: 'call_feature_disabled',
    });
    expect(await create(chat.chatbot.publicId)).toEqual({ statusCode: 409, code: 'conflict' });
  });
});

describe('CallSessionManager.startCall', () => {
  it('records the call on connect, runs it, and stores the post-call analysis', async () => {
    const { manager, provider } = world.manager({ nodeId: 'node-start' });
    const { chatbot } = await createCallChatbot(world);
    const { callId, leg, finished } = await placeCall(manager, chatbot.publicId);

    const row = await callRow(world, callId);
    expect(row).toMatchObject({
      status: 'in_progress',
      source: 'web',
      chatbotId: chatbot.id,
      nodeId: 'node-start',
      modelId: await modelIdOf(world, 'openai', 'gpt-realtime'),
    });
    await leg.noticeOf('call.started');
    expect(leg.notices[0]).toEqual({ type: 'call.started', callId });
    const session = provider.sessions[0];
    expect(session?.said).toEqual(['Hello!']);
    expect(manager.liveCallCount).toBe(1);
    if (world.redis)
      expect(await world.redis.hget(`buzzi:live-call:${callId}`, 'nodeId')).toBe('node-start');

    session?.callerSays('I need an appointment, my tooth has been bleeding.');
    leg.hangUp();
    expect(await finished).toMatchObject({ status: 'completed', endReason: 'caller_hangup' });
    expect(manager.liveCallCount).toBe(0);
    await manager.analysesSettled();
    expect(await callRow(world, callId)).toMatchObject({
      status: 'completed',
      intent: 'Emergency',
      isUrgent: true,
      summary:
        'The caller asked: “I need an appointment, my tooth has been bleeding.” The call ended before an answer.',
      answered: false,
    });
    if (world.redis) expect(await world.redis.exists(`buzzi:live-call:${callId}`)).toBe(0);
  });

  it("enforces the company's concurrent call limit, and the package's when lower", async () => {
    const { manager } = world.manager();
    const { chatbot } = await createCallChatbot(world, { maxConcurrentCalls: 1 });
    const first = await placeCall(manager, chatbot.publicId);
    expect(
      await refusal(
        manager.createSession({ chatbotPublicId: chatbot.publicId, ip: '203.0.113.7' }),
      ),
    ).toEqual({ statusCode: 409, code: 'call_limit_reached' });
    first.leg.hangUp();
    await first.finished;
    const second = await placeCall(manager, chatbot.publicId);
    second.leg.hangUp();
    await second.finished;

    const [pkg] = await world.db
      .insert(chatbotPackages)
      .values({ name: 'Tiny', chatbotType: 'call', limits: { maxConcurrentCalls: 1 } })
      .returning();
    const limited = await createCallChatbot(world, { maxConcurrentCalls: 5, packageId: pkg?.id });
    const issuedA = await manager.createSession({
      chatbotPublicId: limited.chatbot.publicId,
      ip: 'a',
    });
    const issuedB = await manager.createSession({
      chatbotPublicId: limited.chatbot.publicId,
      ip: 'b',
    });
    const sessionA = await manager.redeem(issuedA.sessionId, issuedA.token);
    const sessionB = await manager.redeem(issuedB.sessionId, issuedB.token);
    const live = await manager.startCall({
      session: sessionA,
      leg: new RecordingCallerLeg(),
      source: 'web',
    });
    // The limit holds when both sessions were issued before either call started.
    const error = await refusal(
      manager.startCall({ session: sessionB, leg: new RecordingCallerLeg(), source: 'web' }),
    );
    expect(error).toEqual({ statusCode: 409, code: 'call_limit_reached' });
    await manager.endCall(live.callId);
  });

  it('ends a call on request, also from another node', async () => {
    const { manager: nodeA } = world.manager({ nodeId: 'node-a' });
    const { manager: nodeB } = world.manager({ nodeId: 'node-b' });
    const { chatbot } = await createCallChatbot(world);
    // A session issued on one node is redeemed on another behind the load balancer.
    const issued = await nodeB.createSession({
      chatbotPublicId: chatbot.publicId,
      ip: '203.0.113.7',
    });
    const session = await nodeA.redeem(issued.sessionId, issued.token);
    const leg = new RecordingCallerLeg();
    const call = await nodeA.startCall({ session, leg, source: 'web' });
    await nodeA.ready;

    expect(await nodeB.endCall(call.callId)).toBe(true);
    expect(await call.finished).toMatchObject({ status: 'completed', endReason: 'ended_by_staff' });
    expect(leg.closedWith).toBe('ended_by_staff');
    expect(await nodeB.endCall(call.callId)).toBe(false);

    const local = await placeCall(nodeA, chatbot.publicId);
    expect(await nodeA.endCall(local.callId, 'ended_by_staff')).toBe(true);
    expect((await callRow(world, local.callId)).endReason).toBe('ended_by_staff');
  });

  it('tells the caller which key is missing when the provider has none, and that the local engine is not enabled where it is not wired', async () => {
    const { manager } = world.manager({
      providers: agentProviderFactory({ providers: NO_KEYS, logger }),
      config: { providers: NO_KEYS },
    });
    const openai = await createCallChatbot(world, {
      settings: { call: { modelId: await modelIdOf(world, 'openai', 'gpt-realtime') } },
    });
    const call = await placeCall(manager, openai.chatbot.publicId);
    expect(await call.finished).toMatchObject({
      status: 'failed',
      endReason: 'provider_unavailable',
    });
    expect(call.leg.notices[0]).toEqual({
      type: 'error',
      code: 'provider_unavailable',
      message: expect.stringContaining('OPENAI_API_KEY'),
    });

    const byDefault = await createCallChatbot(world);
    const local = await placeCall(manager, byDefault.chatbot.publicId);
    await local.finished;
    expect(local.leg.notices[0]).toEqual({
      type: 'error',
      code: 'provider_unavailable',
      message: 'The local voice engine is not enabled',
    });
    expect(await callRow(world, local.callId)).toMatchObject({
      status: 'failed',
      endReason: 'provider_unavailable',
      modelId: await modelIdOf(world, 'local', 'buzzi-local'),
    });
  });
});

describe('CallSessionManager.drain', () => {
  it('lets live calls finish within the grace period, ends the rest, and takes no new calls', async () => {
    const { manager } = world.manager();
    const { chatbot } = await createCallChatbot(world);
    const finishing = await placeCall(manager, chatbot.publicId);
    const lingering = await placeCall(manager, chatbot.publicId);
    const started = Date.now();
    const drained = manager.drain(400);
    finishing.leg.hangUp();
    await drained;
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(await finishing.finished).toMatchObject({ endReason: 'caller_hangup' });
    expect(await lingering.finished).toMatchObject({
      status: 'failed',
      endReason: 'server_shutdown',
    });
    expect(lingering.leg.noticesOf('call.ending')).toEqual([
      { type: 'call.ending', reason: 'server_shutdown' },
    ]);
    expect(await callRow(world, lingering.callId)).toMatchObject({ endReason: 'server_shutdown' });
    expect(
      await refusal(
        manager.createSession({ chatbotPublicId: chatbot.publicId, ip: '203.0.113.7' }),
      ),
    ).toEqual({ statusCode: 503, code: 'shutting_down' });
  });
});
