import { eq } from 'drizzle-orm';
import type { CallClientSettings } from '../../../../shared/call-client-settings.js';
import {
  type ChatbotSettings,
  chatbotSettingsSchema,
} from '../../../../shared/chatbot-settings.js';
import type { Database } from '../../../db/client.js';
import { chatbots } from '../../../db/schema/index.js';

export function callClientSettingsOf(settings: ChatbotSettings): CallClientSettings {
  const { call, widget } = settings;
  return {
    echoCancellation: call.echoCancellation,
    noiseSuppression: call.noiseSuppression,
    allowInterruption: call.allowInterruption,
    maxDurationMs: call.maxDurationMin * 60_000,
    showTranscript: widget.call.showTranscript,
    showDuration: widget.call.showDuration,
    visualizerStyle: widget.call.visualizerStyle,
  };
}

/** The client settings of a chatbot by public id (its call session was just issued, so it exists). */
export async function loadCallClientSettings(
  db: Database,
  publicId: string,
): Promise<CallClientSettings> {
  const [row] = await db
    .select({ settings: chatbots.settings })
    .from(chatbots)
    .where(eq(chatbots.publicId, publicId));
  // Rows saved before an option existed get its default.
  return callClientSettingsOf(chatbotSettingsSchema.parse(row?.settings ?? {}));
}
