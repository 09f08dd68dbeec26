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

/** Where Meta reaches Buzzi for WhatsApp calls: the verification handshake (GET) and call events (POST). */
export const WHATSAPP_WEBHOOK_PATH = '/api/webhooks/whatsapp/call';

export type WhatsAppWebhookUrls = { callUrl: string };

/** Every integration type's webhook URLs; an account's view shows those of its type. */
export type IntegrationWebhookUrls = { twilio: TwilioWebhookUrls; whatsapp: WhatsAppWebhookUrls };

export function integrationWebhookUrls(baseUrl: string): IntegrationWebhookUrls {
  return {
    twilio: twilioWebhookUrls(baseUrl),
    whatsapp: { callUrl: `${baseUrl.replace(/\/$/, '')}${WHATSAPP_WEBHOOK_PATH}` },
  };
}
