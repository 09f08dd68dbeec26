import twilio from 'twilio';

/** Where Twilio posts the key a caller pressed in the routing menu. */
export const TWILIO_GATHER_PATH = '/api/webhooks/twilio/voice/gather';

/** Seconds Twilio waits for a key before it posts an empty choice. */
const MENU_TIMEOUT_SEC = 6;

/**
 * The routing menu: one key, the prompt said while Twilio listens; no key
 * within the timeout posts an empty choice too, so the rules decide.
 */
export function menuTwiml(prompt: string, actionUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response
    .gather({
      numDigits: 1,
      action: actionUrl,
      method: 'POST',
      timeout: MENU_TIMEOUT_SEC,
      actionOnEmptyResult: true,
    })
    .say(prompt);
  return response.toString();
}
