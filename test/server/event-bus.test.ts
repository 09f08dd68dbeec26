import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BusEvents } from '../../src/server/bus/event-bus.js';
import { MemoryBus } from '../../src/server/bus/memory-bus.js';
import { RedisBus } from '../../src/server/bus/redis-bus.js';

const logger = pino({ level: 'silent' });

function nextMessage(bus: MemoryBus | RedisBus) {
  return new Promise<BusEvents['company.settings.updated']>((resolve) => {
    const off = bus.subscribe('company.settings.updated', (payload) => {
      off();
      resolve(payload);
    });
  });
}

describe('MemoryBus', () => {
  it('delivers to subscribers and keeps going when one handler throws', async () => {
    const bus = new MemoryBus(logger);
    bus.subscribe('company.settings.updated', () => {
      throw new Error('boom');
    });
    const received = nextMessage(bus);
    bus.publish('company.settings.updated', { companyId: 'c1' });
    await expect(received).resolves.toEqual({ companyId: 'c1' });
  });

  it('ignores a second unsubscribe instead of dropping other subscribers', async () => {
    const bus = new MemoryBus(logger);
    const off = bus.subscribe('company.settings.updated', () => {});
    off();
    const received = nextMessage(bus);
    off();
    bus.publish('company.settings.updated', { companyId: 'c3' });
    await expect(received).resolves.toEqual({ companyId: 'c3' });
  });
});

describe.runIf(process.env.REDIS_URL)('RedisBus', () => {
  it('carries a message from one node to another', async () => {
    const url = process.env.REDIS_URL as string;
    const [nodeA, nodeB] = await Promise.all([
      RedisBus.connect(url, logger),
      RedisBus.connect(url, logger),
    ]);
    try {
      const received = nextMessage(nodeB);
      // Subscription is asynchronous on Redis; give it a moment before publishing.
      await new Promise((resolve) => setTimeout(resolve, 100));
      nodeA.publish('company.settings.updated', { companyId: 'c2' });
      await expect(received).resolves.toEqual({ companyId: 'c2' });
      expect(await nodeA.ping()).toBe('ok');
    } finally {
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });
});
