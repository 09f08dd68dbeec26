import { z } from 'zod';

/**
 * Meta's `calls` webhook (WhatsApp Cloud API calling), as much of it as Buzzi
 * reads; unknown fields pass, so new ones from Meta do not refuse a payload.
 */
const session = z.object({ sdp_type: z.string().max(20), sdp: z.string().max(20_000) });

export const callEvent = z.looseObject({
  id: z.string().min(1).max(200),
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  event: z.string().max(40),
  /** Unix seconds, as a string. */
  timestamp: z.string().max(20).optional(),
  direction: z.string().max(40).optional(),
  session: session.optional(),
});
export type CallEvent = z.infer<typeof callEvent>;

const contact = z.looseObject({
  wa_id: z.string().max(64).optional(),
  profile: z.looseObject({ name: z.string().max(500).optional() }).optional(),
});

const change = z.looseObject({
  field: z.string().max(100),
  value: z.looseObject({
    metadata: z.looseObject({ phone_number_id: z.string().min(1).max(64) }).optional(),
    contacts: z.array(contact).max(100).optional(),
    calls: z.array(callEvent).max(100).optional(),
  }),
});

export const webhookEnvelope = z.looseObject({
  object: z.string().max(100),
  entry: z.array(z.looseObject({ changes: z.array(change).max(100) })).max(100),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelope>;

/** One call event with the business number it came to and the caller's profile name. */
export type CallNotification = {
  phoneNumberId: string;
  call: CallEvent;
  callerName: string | null;
};

/** The phone number ids a payload is about: each must prove the payload with its app secret. */
export function phoneNumberIdsOf(envelope: WebhookEnvelope): string[] {
  const ids = new Set<string>();
  for (const entry of envelope.entry) {
    for (const { value } of entry.changes) {
      if (value.metadata) ids.add(value.metadata.phone_number_id);
    }
  }
  return [...ids];
}

/** The call events of a payload, in order; other fields (messages, statuses) are not ours. */
export function callNotificationsOf(envelope: WebhookEnvelope): CallNotification[] {
  const found: CallNotification[] = [];
  for (const entry of envelope.entry) {
    for (const { field, value } of entry.changes) {
      if (field !== 'calls' || !value.metadata) continue;
      for (const call of value.calls ?? []) {
        const contact = value.contacts?.find((c) => c.wa_id === call.from) ?? value.contacts?.[0];
        found.push({
          phoneNumberId: value.metadata.phone_number_id,
          call,
          callerName: contact?.profile?.name ?? null,
        });
      }
    }
  }
  return found;
}
