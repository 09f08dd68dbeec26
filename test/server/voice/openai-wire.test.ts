import { describe, expect, it } from 'vitest';
import { parseServerEvent } from '../../../src/server/voice/providers/openai/wire.js';

// Audio deltas are read with string operations; whatever JSON form the API
// uses they must read as a JSON parser would, and only base64 passes as audio.

const AUDIO = Buffer.from(Array.from({ length: 160 }, (_, i) => (i * 91) % 256)).toString('base64');
const delta = {
  type: 'response.output_audio.delta',
  event_id: 'event_1',
  response_id: 'resp_1',
  item_id: 'item_1',
  output_index: 0,
  content_index: 0,
  delta: AUDIO,
};

describe('openai realtime audio deltas', () => {
  it('read as the delta’s base64 text, in any JSON form the API may use', () => {
    const compact = JSON.stringify(delta);
    const { type, ...fields } = delta;
    const forms = [
      compact,
      JSON.stringify(delta, null, 1),
      compact.replaceAll('/', '\\/'),
      compact.replace('"item_id":"item_1"', '"item_id": "item_1"'),
      JSON.stringify({ ...fields, type }),
      JSON.stringify({ type, previous: { item_id: 'other', delta: 'AAAA' }, ...fields }),
    ];
    const expected = { kind: 'audio', responseId: 'resp_1', itemId: 'item_1', audio: AUDIO };
    for (const text of forms) expect(parseServerEvent(text), text).toEqual(expected);
  });

  it('are malformed when the delta is not base64 or an id is not a string', () => {
    for (const bad of [
      { ...delta, delta: 'not base64!' },
      { ...delta, delta: 'AAAA"}' },
      { ...delta, item_id: 7 },
      { ...delta, response_id: null },
    ]) {
      expect(parseServerEvent(JSON.stringify(bad))).toEqual({
        kind: 'malformed',
        reason: 'unexpected shape of response.output_audio.delta',
      });
    }
  });
});
