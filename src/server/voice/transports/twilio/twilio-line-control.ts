import type { Config } from '../../../config.js';
import {
  type TwilioCredentials,
  twilioClient,
} from '../../../integration-accounts/twilio-client.js';
import type { PhoneLineControl } from '../phone-line-control.js';
import { APOLOGIES, apologyTwiml, dialTwiml } from './twiml.js';

/**
 * A live Twilio call, steered with the REST API: new TwiML for the call
 * (Calls/{CallSid}.json) replaces its `<Connect><Stream>`, and Twilio stops
 * the stream.
 */
export class TwilioLineControl implements PhoneLineControl {
  constructor(
    private readonly config: Pick<Config, 'providers'>,
    private readonly credentials: TwilioCredentials,
    private readonly callSid: string,
  ) {}

  async transfer(phoneNumber: string): Promise<void> {
    await this.#redirect(dialTwiml(phoneNumber));
  }

  async apologize(): Promise<void> {
    await this.#redirect(apologyTwiml(APOLOGIES.unavailable));
  }

  async #redirect(twiml: string): Promise<void> {
    await twilioClient(this.config, this.credentials).calls(this.callSid).update({ twiml });
  }
}
