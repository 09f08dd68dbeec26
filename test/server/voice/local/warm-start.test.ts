import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/server/config.js';
import { LocalVoiceEngine } from '../../../../src/server/voice/providers/local/engine.js';

/** A logger whose messages the test can read. */
function capturingLogger() {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      messages.push(JSON.parse(String(chunk)).msg);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), messages };
}

describe('the local voice engine at boot', () => {
  let engine: LocalVoiceEngine | undefined;
  afterEach(() => engine?.close());

  it('starts its parts without waiting for the first call', async () => {
    const { logger, messages } = capturingLogger();
    const config = loadConfig({});
    expect(config.localVoice.warmStart).toBe(true);
    engine = new LocalVoiceEngine({ config: config.localVoice, logger });
    // No call has asked for the parts: the engine started them itself.
    await expect
      .poll(() => messages, { timeout: 60_000, interval: 100 })
      .toContain('local voice engine started');
  }, 90_000);

  it('can be told to wait for the first call', () => {
    expect(loadConfig({ LOCAL_VOICE_WARM_START: 'false' }).localVoice.warmStart).toBe(false);
  });
});
