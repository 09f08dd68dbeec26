import type { Database } from '../../db/client.js';
import { recordNotification } from '../../notifications/service.js';
import { type CallReadinessEnv, callModelProblem, PROVIDER_NAME } from './call-readiness.js';
import type { CallModel } from './provider-registry.js';

/**
 * Tells the company's admins that a call could not connect to its model,
 * and why as far as this server's configuration shows (missing key, speech
 * packages); otherwise the provider refused or could not be reached.
 */
export async function noticeFailedCall(
  db: Database,
  env: CallReadinessEnv,
  call: {
    companyId: string;
    chatbot: { id: string; name: string };
    model: CallModel | null;
  },
): Promise<void> {
  const { chatbot, model } = call;
  const problem = (await callModelProblem(model, env)) ?? {
    reason: 'provider_unreachable',
    message: `${model ? PROVIDER_NAME[model.provider] : 'The call model'} refused the call or could not be reached, so callers heard "Unable to connect". Check the API key and the provider's status.`,
  };
  await recordNotification(db, {
    companyId: call.companyId,
    chatbotId: chatbot.id,
    kind: 'call_failed',
    reason: problem.reason,
    title: `Calls to ${chatbot.name} cannot connect`,
    body: problem.message,
    details: { chatbotName: chatbot.name, ...(model ? { model: model.modelId } : {}) },
  });
}
