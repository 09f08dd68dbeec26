import { and, eq } from 'drizzle-orm';
import { callCallbacks, calls } from '../db/schema/index.js';
import { conflict, notFound } from '../http/errors.js';
import {
  type OutboundCallDeps,
  type OutboundCallView,
  placeOutboundCall,
} from '../voice/transports/twilio/outbound-call.js';
import { chatbotTwilioAccount } from '../voice/transports/twilio/webhook-account.js';
import { type CallbackView, loadCallback } from './callback-list.js';

const DIAL_YOURSELF = 'Dial the number yourself, then mark the callback done.';

/**
 * The agent calls the caller back from the Twilio number of the chatbot that
 * took the first call. The callback is done once Twilio has the call; how it
 * went shows on the placed call.
 */
export async function placeCallback(
  deps: OutboundCallDeps,
  scope: { companyId: string; callbackId: string },
  baseUrl: string,
): Promise<{ callback: CallbackView; call: OutboundCallView }> {
  const { db } = deps;
  const [row] = await db
    .select({
      phone: callCallbacks.phone,
      note: callCallbacks.note,
      status: callCallbacks.status,
      chatbotId: calls.chatbotId,
    })
    .from(callCallbacks)
    .leftJoin(
      calls,
      and(eq(calls.companyId, callCallbacks.companyId), eq(calls.id, callCallbacks.callId)),
    )
    .where(
      and(eq(callCallbacks.companyId, scope.companyId), eq(callCallbacks.id, scope.callbackId)),
    );
  if (!row) throw notFound('Callback');
  if (row.status !== 'scheduled') {
    throw conflict(`This callback is ${row.status === 'done' ? 'done' : 'cancelled'} already.`);
  }
  const account = row.chatbotId
    ? await chatbotTwilioAccount(db, deps.secretBox, {
        companyId: scope.companyId,
        chatbotId: row.chatbotId,
      })
    : null;
  if (!row.chatbotId || account?.status !== 'active' || !account.phoneNumber) {
    throw conflict(
      `The agent cannot place this callback: the call's chatbot has no active Twilio integration account. ${DIAL_YOURSELF}`,
    );
  }
  const { chatbotId } = row;
  // Claimed before dialling, so two people pressing "Call now" place one call.
  const where = and(
    eq(callCallbacks.companyId, scope.companyId),
    eq(callCallbacks.id, scope.callbackId),
  );
  const [claimed] = await db
    .update(callCallbacks)
    .set({ status: 'done', updatedAt: new Date() })
    .where(and(where, eq(callCallbacks.status, 'scheduled')))
    .returning({ id: callCallbacks.id });
  if (!claimed) throw conflict('Someone else has just placed or closed this callback.');
  let call: OutboundCallView;
  try {
    call = await placeOutboundCall(
      deps,
      { companyId: scope.companyId },
      { chatbotId, to: row.phone, reason: row.note },
      baseUrl,
    );
  } catch (err) {
    await db.update(callCallbacks).set({ status: 'scheduled', updatedAt: new Date() }).where(where);
    throw err;
  }
  await db.update(callCallbacks).set({ placedCallId: call.id, updatedAt: new Date() }).where(where);
  const callback = await loadCallback(db, scope);
  if (!callback) throw notFound('Callback');
  return { callback, call };
}
