import { describe, expect, it } from 'vitest';
import {
  parseTwilioMessage,
  StreamMessages,
} from '../../../../src/server/voice/transports/twilio/media-messages.js';

// Media and mark messages are read with string operations (fifty a second
// per call each); whatever shape Twilio's JSON takes, they must read as a
// JSON parser would, and nothing that is not base64 may pass as audio.

const PAYLOAD = Buffer.from(Array.from({ length: 160 }, (_, i) => (i * 37) % 256)).toString(
  'base64',
);

/** A media message exactly as Twilio sends it. */
const twilioMedia = (media: Record<string, string>) =>
  JSON.stringify({ event: 'media', sequenceNumber: '3', media, streamSid: 'MZ1' });

describe('twilio media stream messages', () => {
  it('read caller audio as the payload’s base64 text, in any JSON form Twilio may use', () => {
    const media = { track: 'inbound', chunk: '1', timestamp: '5', payload: PAYLOAD };
    const compact = twilioMedia(media);
    const spaced = JSON.stringify(JSON.parse(compact), null, 1);
    const escaped = compact.replaceAll('/', '\\/');
    const reordered = JSON.stringify({ media, event: 'media' });
    const trackSpaced = compact.replace('"track":"inbound"', '"track" : "inbound"');
    for (const text of [compact, spaced, escaped, reordered, trackSpaced]) {
      expect(parseTwilioMessage(text), text).toEqual({ kind: 'media', payload: PAYLOAD });
    }
  });

  it('never take another track’s audio, however the track is written', () => {
    const outbound = twilioMedia({ track: 'outbound', payload: PAYLOAD });
    expect(parseTwilioMessage(outbound)).toEqual({ kind: 'other-track' });
    const spaced = outbound.replace('"track":"outbound"', '"track" : "outbound"');
    expect(parseTwilioMessage(spaced)).toEqual({ kind: 'other-track' });
  });

  it('refuse payloads that are not base64, escaped quotes included', () => {
    for (const payload of ['AAA', 'AA AA', 'AAAA"}', '====', '']) {
      const text = twilioMedia({ track: 'inbound', payload });
      expect(parseTwilioMessage(text), text).toEqual({ kind: 'invalid', problem: 'invalid_media' });
    }
  });

  it('read the echoes of our marks, and any other mark name through the parser', () => {
    const mark = (name: string) =>
      JSON.stringify({ event: 'mark', sequenceNumber: '4', streamSid: 'MZ1', mark: { name } });
    expect(parseTwilioMessage(mark('3200'))).toEqual({ kind: 'mark', name: '3200' });
    expect(parseTwilioMessage(mark('greeting "one"'))).toEqual({
      kind: 'mark',
      name: 'greeting "one"',
    });
    const spaced = mark('160').replace('"name":"160"', '"name": "160"');
    expect(parseTwilioMessage(spaced)).toEqual({ kind: 'mark', name: '160' });
  });

  it('build messages a JSON parser reads back', () => {
    const messages = new StreamMessages('MZ"1');
    expect(JSON.parse(messages.media(PAYLOAD))).toEqual({
      event: 'media',
      streamSid: 'MZ"1',
      media: { payload: PAYLOAD },
    });
    expect(JSON.parse(messages.mark('160'))).toEqual({
      event: 'mark',
      streamSid: 'MZ"1',
      mark: { name: '160' },
    });
  });
});
