import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { calls } from '../../../src/server/db/schema/index.js';
import { expectServerStillServes } from '../../helpers/expect-error.js';
import {
  type GatewayWorld,
  hangUp,
  newCallSession,
  startBrowserCall,
  startGatewayWorld,
} from '../voice/browser-gateway-setup.js';

// Call sockets carry JSON control frames that no HTTP hook sees: NUL in them
// must be answered as a bad frame, never end the call or reach the database.

let world: GatewayWorld;

beforeAll(async () => {
  world = await startGatewayWorld();
});
afterAll(() => world?.close());

it('answers NUL in a control frame with an error event and the call goes on', async () => {
  const bot = await world.createCallBot();
  const client = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
  const callId = String(client.eventsOf('call.started')[0]?.callId);

  client.socket.send(JSON.stringify({ type: 'mute\u0000' }));
  client.socket.send('{"type":"unmute","x":"\u0000"}');
  client.socket.send(JSON.stringify({ type: 'playback', playedMs: 0, note: '\u0000' }));
  client.socket.send(Buffer.from('{"type":"end\u0000"}'), { binary: false });
  await client.until(() => client.eventsOf('error').length >= 3, 'three error events');
  // Escaped NUL parses and fails the type check; a raw NUL is not valid JSON. The
  // playback frame is good: unknown fields are dropped.
  expect(client.eventsOf('error').map((e) => e.code)).toEqual([
    'unknown_message',
    'invalid_json',
    'invalid_json',
  ]);

  const ended = await hangUp(client);
  expect(ended).toMatchObject({ type: 'call.ended' });
  const [row] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
  expect(row).toMatchObject({ status: 'completed', endReason: 'caller_ended' });
  await expectServerStillServes(world.visitor());
});
