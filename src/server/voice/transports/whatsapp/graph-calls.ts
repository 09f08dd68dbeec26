import type { GraphConfig } from '../../../integration-accounts/meta-graph.js';
import { graphRequest } from '../../../integration-accounts/meta-graph.js';

export type CallAction =
  | { action: 'pre_accept' | 'accept'; sdp: string }
  | { action: 'reject' | 'terminate' };

/** One action on a WhatsApp call: POST /{phone_number_id}/calls with the account's token. */
export async function sendCallAction(
  config: GraphConfig,
  account: { phoneNumberId: string; accessToken: string },
  callId: string,
  action: CallAction,
): Promise<void> {
  await graphRequest(config, account.accessToken, {
    method: 'POST',
    path: `${encodeURIComponent(account.phoneNumberId)}/calls`,
    body: {
      messaging_product: 'whatsapp',
      call_id: callId,
      action: action.action,
      ...('sdp' in action ? { session: { sdp_type: 'answer', sdp: action.sdp } } : {}),
    },
  });
}
