/** Where Twilio reaches Buzzi; the webhook routes are registered at these paths. */
export const TWILIO_WEBHOOK_PATHS = {
  voice: '/api/webhooks/twilio/voice',
  /** Where Twilio fetches the TwiML of an outbound call once the callee answers. */
  outboundConnect: '/api/webhooks/twilio/voice/connect',
  status: '/api/webhooks/twilio/status',
  media: '/api/webhooks/twilio/media',
} as const;

export type TwilioWebhookUrls = {
  voiceUrl: string;
  statusCallbackUrl: string;
  mediaStreamUrl: string;
};

/** The URLs to enter in the Twilio Console, from the public address (`publicBaseUrl`). */
export function twilioWebhookUrls(baseUrl: string): TwilioWebhookUrls {
  const base = baseUrl.replace(/\/$/, '');
  return {
    voiceUrl: `${base}${TWILIO_WEBHOOK_PATHS.voice}`,
    statusCallbackUrl: `${base}${TWILIO_WEBHOOK_PATHS.status}`,
    mediaStreamUrl: `${base.replace(/^http/, 'ws')}${TWILIO_WEBHOOK_PATHS.media}`,
  };
}
