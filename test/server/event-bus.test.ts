import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BusEvents } from '../../src/server/bus/event-bus.js';
import { MemoryBus } from '../../src/server/bus/memory-bus.js';
import { RedisBus } from '../../src/server/bus/redis-bus.js';
import { startSlowTcpProxy } from '../helpers/slow-tcp-proxy.js';

const logger = pino({ level: 'silent' });

/** Resolves once subscribed, with the promise of the next message. */
async function nextMessage(bus: MemoryBus | RedisBus) {
  let resolve: (payload: BusEvents['company.settings.updated']) => void = () => {};
  const received = new Promise<BusEvents['company.settings.updated']>((r) => {
    resolve = r;
  });
  const off = await bus.subscribe('company.settings.updated', (payload) => {
    off();
    resolve(payload);
  });
  return { received };
}

describe('MemoryBus', () => {
  it('delivers to subscribers and keeps going when one handler throws', async () => {
    const bus = new MemoryBus(logger);
    await bus.subscribe('company.settings.updated', () => {
      throw new Error('boom');
    });
    const { received } = await nextMessage(bus);
    bus.publish('company.settings.updated', { companyId: 'c1' });
    await expect(received).resolves.toEqual({ companyId: 'c1' });
  });

  it('ignores a second unsubscribe instead of dropping other subscribers', async () => {
    const bus = new MemoryBus(logger);
    const off = await bus.subscribe('company.settings.updated', () => {});
    off();
    const { received } = await nextMessage(bus);
    off();
    bus.publish('company.settings.updated', { companyId: 'c3' });
    await expect(received).resolves.toEqual({ companyId: 'c3' });
  });
});

/** Node A on Redis directly; node B behind a slow link, so its SUBSCRIBE arrives after A's PUBLISH unless subscribe waits for it. */
async function nodesWithSlowLink() {
  const url = new URL(process.env.REDIS_URL as string);
  const slowLink = await startSlowTcpProxy(
    { host: url.hostname, port: Number(url.port || 6379) },
    200,
  );
  const viaSlowLink = new URL(url);
  viaSlowLink.hostname = '127.0.0.1';
  viaSlowLink.port = String(slowLink.port);
  const [nodeA, nodeB] = await Promise.all([
    RedisBus.connect(url.href, logger),
    RedisBus.connect(viaSlowLink.href, logger),
  ]);
  return {
    nodeA,
    nodeB,
    async close() {
      await Promise.all([nodeA.close(), nodeB.close()]);
      await slowLink.close();
    },
  };
}

describe.runIf(process.env.REDIS_URL)('RedisBus', () => {
  it('carries a message published right after subscribe resolves from one node to another', async () => {
    const { nodeA, nodeB, close } = await nodesWithSlowLink();
    try {
      const { received } = await nextMessage(nodeB);
      nodeA.publish('company.settings.updated', { companyId: 'c2' });
      await expect(received).resolves.toEqual({ companyId: 'c2' });
      expect(await nodeA.ping()).toBe('ok');
    } finally {
      await close();
    }
  });

  it('lets a second subscriber of a channel being subscribed wait for the same confirmation', async () => {
    const { nodeA, nodeB, close } = await nodesWithSlowLink();
    try {
      const first = nextMessage(nodeB);
      const { received } = await nextMessage(nodeB);
      nodeA.publish('company.settings.updated', { companyId: 'c4' });
      await expect(received).resolves.toEqual({ companyId: 'c4' });
      await expect((await first).received).resolves.toEqual({ companyId: 'c4' });
    } finally {
      await close();
    }
  });
});
