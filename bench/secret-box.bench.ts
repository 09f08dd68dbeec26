import { randomBytes } from 'node:crypto';
import { SecretBox } from '../src/server/crypto/secret-box.js';
import { summarize, time } from './stats.js';

/** Sealing and opening a Twilio-sized credential, in microseconds. */
export async function secretBoxBench() {
  const box = new SecretBox(randomBytes(32));
  const credentials = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'f'.repeat(32) };
  const sealed = box.sealJson(credentials);
  const toMicros = (ms: number[]) => ms.map((v) => v * 1000);
  return {
    sealUs: summarize(toMicros(await time(() => box.sealJson(credentials), 20_000))),
    openUs: summarize(toMicros(await time(() => box.openJson(sealed), 20_000))),
  };
}
