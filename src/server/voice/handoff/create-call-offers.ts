import type { Logger } from 'pino';
import type { EventBus } from '../../bus/event-bus.js';
import { RedisBus } from '../../bus/redis-bus.js';
import type { Database } from '../../db/client.js';
import { CallOffersService } from './call-offers-service.js';
import { MemoryPresenceRegistry } from './presence-registry.js';
import { RedisPresenceRegistry } from './redis-presence-registry.js';
import { RedisRingRegistry } from './redis-ring-registry.js';
import { MemoryRingRegistry } from './ring-registry.js';

/** The node's CallOffers: presence and ringing in memory, or in the bus's Redis across nodes. */
export function createCallOffers(deps: {
  db: Database;
  bus: EventBus;
  logger: Logger;
}): CallOffersService {
  const redis = deps.bus instanceof RedisBus ? deps.bus.client : undefined;
  return new CallOffersService({
    ...deps,
    presence: redis ? new RedisPresenceRegistry(redis, deps.logger) : new MemoryPresenceRegistry(),
    rings: redis ? new RedisRingRegistry(redis) : new MemoryRingRegistry(),
  });
}
