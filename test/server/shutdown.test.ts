import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callDemoChatbot,
  createServerStore,
  exitWithin,
  readCall,
  type ServerStore,
  startServer,
} from '../helpers/spawned-demo.js';

// Created up front: a PostgreSQL copy is taken from the run's template while it surely exists.
let stores: ServerStore[] = [];
beforeAll(async () => {
  stores = await Promise.all([1, 2, 3].map(() => createServerStore()));
});
afterAll(async () => {
  for (const created of stores) await created.remove();
});
const store = (n: number) => stores[n] as ServerStore;

// Fastify's default plugin timeout (10 s) bounds close hooks too; the calls here outlast it.
const AVVIO_TIMEOUT_MS = 10_000;
/** What main.ts allows the shutdown beyond SHUTDOWN_GRACE_MS. */
const SHUTDOWN_STEPS_MS = 9000;

describe('SIGTERM with a live call', { timeout: 90_000 }, () => {
  it('lets a call that goes on past 10 s finish, saves it and exits 0', async () => {
    const data = store(0);
    const { server, baseUrl } = await startServer({ ...data.env, SHUTDOWN_GRACE_MS: '20000' });
    const { client, callId } = await callDemoChatbot(baseUrl);

    server.child.kill('SIGTERM');
    // Still on the line after the plugin timeout: the drain must not have been cut off.
    const stillOn = new Promise((resolve) => setTimeout(resolve, AVVIO_TIMEOUT_MS + 1000));
    const endedEarly = client.closed.then(() => 'closed' as const);
    expect(await Promise.race([stillOn.then(() => 'open' as const), endedEarly])).toBe('open');
    client.sendJson({ type: 'end' });
    const ended = await client.waitFor('call.ended', () => true, 10_000);
    expect(ended).toMatchObject({ reason: 'caller_ended' });

    expect(await exitWithin(server, 15_000)).toBe(0);
    expect(server.output()).not.toContain('AVV_ERR_READY_TIMEOUT');
    const row = await readCall(data, callId);
    expect(row).toMatchObject({ status: 'completed', endReason: 'caller_ended' });
    expect(row?.durationMs).toBeGreaterThanOrEqual(AVVIO_TIMEOUT_MS);
  });

  it('ends a call that outlasts SHUTDOWN_GRACE_MS as server_shutdown, saves it and exits 0', async () => {
    const data = store(1);
    const { server, baseUrl } = await startServer({ ...data.env, SHUTDOWN_GRACE_MS: '3000' });
    const { client, callId } = await callDemoChatbot(baseUrl);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const ended = await client.waitFor('call.ended', () => true, 15_000);
    expect(ended).toMatchObject({ reason: 'server_shutdown' });
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(3000);

    expect(await exitWithin(server, 15_000)).toBe(0);
    expect(await readCall(data, callId)).toMatchObject({
      status: 'failed',
      endReason: 'server_shutdown',
    });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'exits with code 1 within its bound when closing the database hangs',
    async () => {
      const data = store(2);
      const target = new URL(data.env.DATABASE_URL as string);
      const proxy = await startPausableProxy(Number(target.port), target.hostname);
      target.host = `127.0.0.1:${proxy.port}`;
      const grace = 4000;
      const { server, baseUrl } = await startServer({
        ...data.env,
        DATABASE_URL: target.toString(),
        SHUTDOWN_GRACE_MS: String(grace),
      });

      // The database stops answering but keeps its connections open, like a hung host,
      // while a request's query waits on it.
      proxy.pause();
      const request = fetch(`${baseUrl}/api/health`).catch(() => null);
      await proxy.held;
      server.child.kill('SIGTERM');
      // The last bound: the grace, the close hooks' 6 s, the bus's 1 s and the database's 2 s.
      expect(await exitWithin(server, grace + SHUTDOWN_STEPS_MS + 2000)).toBe(1);
      expect(server.output()).toMatch(/"step":"database".*shutdown step did not finish/);
      await request;
      await proxy.close();
    },
  );
});

/** A TCP proxy that can stop forwarding without closing anything. */
async function startPausableProxy(targetPort: number, targetHost: string) {
  let paused = false;
  let onHeld: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    onHeld = resolve;
  });
  const sockets = new Set<Socket>();
  // Half-open allowed: a hung host never answers the client's FIN either.
  const server: Server = createServer({ allowHalfOpen: true }, (inbound) => {
    const outbound = connect({ port: targetPort, host: targetHost, allowHalfOpen: true });
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => {});
    }
    inbound.on('data', (chunk) => {
      if (paused) onHeld();
      else outbound.write(chunk);
    });
    outbound.on('data', (chunk) => {
      if (!paused) inbound.write(chunk);
    });
    inbound.on('end', () => !paused && outbound.end());
    outbound.on('end', () => !paused && inbound.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    pause: () => {
      paused = true;
    },
    /** Resolves when a client sent something the database never got. */
    held,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
