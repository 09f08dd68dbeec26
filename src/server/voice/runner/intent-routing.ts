import type { Logger } from 'pino';
import type { RoutingIntent } from '../../../shared/call-routing.js';
import type { CallRoute } from '../../routing/call-route.js';
import type { CallIntent } from './call-intents.js';
import { safeError } from './log-safe.js';
import { classifyIntent } from './offline-analysis.js';

/** The call intents a routing rule can wait for. */
const routingIntentOf: Partial<Record<CallIntent, RoutingIntent>> = {
  Emergency: 'emergency',
  Appointment: 'appointment',
  'Billing/insurance': 'billing',
  'Speak to a person': 'person',
};

/** How a call finds and records the rule that acts on its caller's intent (the session manager's). */
export type IntentRouteLookup = {
  route(intent: RoutingIntent): Promise<CallRoute | null>;
  record(route: CallRoute): Promise<void>;
};

/**
 * Listens to what the caller says for the intents routing rules wait for
 * (emergency, appointment, billing, a person), classified as the call's
 * analysis does, and asks the company's rules once per intent. The first
 * rule that matches acts, once per call.
 */
export class IntentRouting {
  readonly #asked = new Set<RoutingIntent>();
  #acted = false;

  constructor(
    private readonly options: {
      lookup: IntentRouteLookup;
      act(route: CallRoute): void;
      logger: Logger;
    },
  ) {}

  callerSaid(text: string): void {
    const intent = routingIntentOf[classifyIntent(text)];
    if (this.#acted || !intent || this.#asked.has(intent)) return;
    this.#asked.add(intent);
    void this.#route(intent);
  }

  async #route(intent: RoutingIntent): Promise<void> {
    const { lookup, act, logger } = this.options;
    try {
      const route = await lookup.route(intent);
      if (!route || this.#acted) return;
      this.#acted = true;
      logger.info({ intent, ruleId: route.ruleId, action: route.action.type }, 'intent rule acts');
      act(route);
      await lookup.record(route);
    } catch (err) {
      logger.error({ err: safeError(err), intent }, 'intent routing failed');
    }
  }
}
