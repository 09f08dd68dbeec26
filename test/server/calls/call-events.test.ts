import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetails } from '../../../src/server/calls/call-details.js';
import type { CallStreamEvents } from '../../../src/server/calls/call-events.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { SseClient } from '../../helpers/sse.js';
import {
  type GatewayWorld,
  hangUp,
  newCallSession,
  startBrowserCall,
  startGatewayWorld,
} from '../voice/browser-gateway-setup.js';

// A real web call through the widget's call socket (OpenAI Realtime played by
// the local fake) while the Calls page's event stream is open.

const GREETING = 'Hello from Alpha Dental.';
const CALLS = '/api/company/calls';

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type StreamData<E extends keyof CallStreamEvents> = Json<CallStreamEvents[E]>;

let world: GatewayWorld;
let streamA: SseClient;
let streamB: SseClient;

const openStream = (client: ApiClient) =>
  SseClient.open(`${world.t.url}${CALLS}/events`, { cookie: client.cookieHeader });

beforeAll(async () => {
  world = await startGatewayWorld();
  streamA = await openStream(world.tenants.as.agentA);
  streamB = await openStream(world.tenants.as.adminB);
});
afterAll(async () => {
  streamA?.close();
  streamB?.close();
  await world?.close();
});

describe('GET /api/company/calls/events', () => {
  it('streams a live call: created, each transcript line, staff changes and its end', async () => {
    const bot = await world.createCallBot();
    const session = await newCallSession(world.visitor(), bot.publicId);
    const caller = await startBrowserCall(session);
    const callId = String(caller.eventsOf('call.started')[0]?.callId);

    const created = await streamA.next<StreamData<'call.created'>>(
      'call.created',
      (data) => data.callId === callId,
    );
    expect(created.call).toMatchObject({
      id: callId,
      chatbotId: bot.id,
      source: 'web',
      status: 'in_progress',
    });

    const spoken = await streamA.next<StreamData<'call.transcript'>>(
      'call.transcript',
      (data) => data.callId === callId,
    );
    expect(spoken.line).toMatchObject({
      seq: 1,
      speaker: 'agent',
      text: GREETING,
      interrupted: false,
    });
    expect(spoken.line.endMs).toBeGreaterThanOrEqual(spoken.line.startMs);

    const patched = await world.tenants.as.agentA.patch(`${CALLS}/${callId}`, {
      notes: 'Watching live',
      isHandled: true,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const updated = await streamA.next<StreamData<'call.updated'>>(
      'call.updated',
      (data) => data.callId === callId,
    );
    expect(updated.call).toMatchObject({ id: callId, isHandled: true, status: 'in_progress' });

    await hangUp(caller);
    const ended = await streamA.next<StreamData<'call.ended'>>(
      'call.ended',
      (data) => data.callId === callId,
    );
    expect(ended).toMatchObject({ status: 'completed', reason: 'caller_ended' });
    expect(ended.call).toMatchObject({ id: callId, status: 'completed' });
    expect(ended.call?.durationMs).toBeGreaterThan(0);

    // The post-call analysis lands after the end; an open Calls page hears of it.
    const analyzed = await streamA.next<StreamData<'call.updated'>>(
      'call.updated',
      (data) => data.callId === callId && Boolean(data.call?.summary),
    );
    expect(analyzed.call?.summary).toBe('The caller did not say anything.');

    // The product's own row: listed, searchable by what was said, with its transcript.
    const listed = await world.tenants.as.agentA.get<{ calls: Array<{ id: string }> }>(
      `${CALLS}?q=${encodeURIComponent('Alpha Dental')}&source=web`,
    );
    expect(listed.body.calls.map((call) => call.id)).toEqual([callId]);
    const details = await world.tenants.as.agentA.get<{ call: Json<CallDetails> }>(
      `${CALLS}/${callId}`,
    );
    expect(details.body.call.transcript).toEqual([spoken.line]);
    expect(details.body.call.notes).toBe('Watching live');

    // Company B's stream stayed open and heard nothing of company A's call.
    expect(streamB.events.filter((event) => event.event.startsWith('call.'))).toEqual([]);
  });
});
