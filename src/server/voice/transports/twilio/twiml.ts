import twilio from 'twilio';

/** What a caller hears when the call cannot be taken, before Twilio hangs up. */
export const APOLOGIES = {
  busy: 'Sorry, all our lines are busy right now. Please call again in a few minutes.',
  unavailable: 'Sorry, we cannot take your call right now. Please try again later.',
} as const;

/**
 * Connects the call to our Media Streams socket (bidirectional); the token
 * comes back in the stream's `start` message and names the call there.
 */
export function streamTwiml(streamUrl: string, token: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.connect().stream({ url: streamUrl }).parameter({ name: 'token', value: token });
  return response.toString();
}

/** A short spoken apology, then the hang-up: a refused caller hears why, not silence. */
export function apologyTwiml(apology: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(apology);
  response.hangup();
  return response.toString();
}

/** Hands the live call to `phoneNumber`: it replaces the stream, which Twilio then stops. */
export function dialTwiml(phoneNumber: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.dial(phoneNumber);
  return response.toString();
}
