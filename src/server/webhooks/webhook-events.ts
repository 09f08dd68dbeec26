/** The events a company can subscribe an endpoint to. */
export const WEBHOOK_EVENTS = [
  'call.started',
  'call.ended',
  'call.analyzed',
  'ticket.created',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Sent only by "Send test event", to the one endpoint tested. */
export const TEST_EVENT = 'webhook.test';

/** What a receiver gets as the JSON body of every delivery. */
export type WebhookEnvelope = {
  /** The event's id: the same for every endpoint it goes to, and across its retries. */
  id: string;
  type: WebhookEventType | typeof TEST_EVENT;
  createdAt: string;
  data: Record<string, unknown>;
};
