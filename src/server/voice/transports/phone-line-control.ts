/**
 * What the phone network can do with a live call beyond its media stream
 * (Twilio's REST API). Both replace what the caller hears; the network then
 * stops the stream, which ends our side of the call.
 */
export interface PhoneLineControl {
  /** Hands the caller to `phoneNumber` (E.164); rejects when the network refuses. */
  transfer(phoneNumber: string): Promise<void>;
  /** A short spoken apology, then the hang-up: the call cannot go on, and the caller hears why. */
  apologize(): Promise<void>;
}
