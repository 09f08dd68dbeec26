import { describe, expect, it } from 'vitest';
import { type AudioFrame, frameDurationMs } from '../../../../src/server/voice/audio/frame.js';
import { decodeMulaw } from '../../../../src/server/voice/audio/g711.js';
import { MulawFrame, mulawBytesOf } from '../../../../src/server/voice/audio/mulaw-frame.js';
import {
  pcm16Codec,
  pcmuCodec,
} from '../../../../src/server/voice/providers/openai/audio-codec.js';
import { AudioBridge, silenceLike } from '../../../../src/server/voice/runner/audio-bridge.js';

const twentyMs = () => Buffer.from(Array.from({ length: 160 }, (_, i) => (i * 37) % 256));

/** μ-law audio whose PCM must never be needed: reading its samples fails the test. */
function undecodable(mulaw: Uint8Array): AudioFrame {
  return {
    sampleRate: 8000,
    mulaw,
    get samples(): Int16Array {
      throw new Error('the μ-law frame was decoded');
    },
  };
}

describe('μ-law frames', () => {
  it('cross the bridge and the OpenAI pcmu codec as they are, never decoded', () => {
    const bytes = twentyMs();
    const frame = undecodable(bytes);
    const bridge = new AudioBridge({ providerInputRate: 8000, callerOutputRate: 8000 });
    expect(bridge.toProvider(frame)).toBe(frame);
    expect(bridge.toCaller(frame)).toBe(frame);
    bridge.close();
    expect(frameDurationMs(frame)).toBe(20);
    expect(pcmuCodec.encode(frame)).toBe(bytes.toString('base64'));
    expect(mulawBytesOf(frame)).toBe(bytes);

    const silence = silenceLike(frame);
    expect(silence.mulaw).toEqual(new Uint8Array(160).fill(0xff));
    expect(Array.from(silence.samples)).toEqual(Array(160).fill(0));

    const answer = pcmuCodec.decode(bytes.toString('base64'));
    expect(answer.mulaw).toEqual(bytes);
    expect(answer.sampleRate).toBe(8000);
  });

  it('decode once, on demand, for a stage that needs PCM', () => {
    const bytes = twentyMs();
    const frame = new MulawFrame(bytes);
    expect(frame.samples).toEqual(decodeMulaw(bytes));
    expect(frame.samples).toBe(frame.samples);
    const bridge = new AudioBridge({ providerInputRate: 16000, callerOutputRate: 8000 });
    const upsampled = bridge.toProvider(frame);
    expect(upsampled.sampleRate).toBe(16000);
    expect(upsampled.mulaw).toBeUndefined();
    bridge.close();
  });

  it('are encoded from 8 kHz PCM when a provider answers in PCM, and refused at other rates', () => {
    const pcm: AudioFrame = { samples: new Int16Array(160).fill(-3000), sampleRate: 8000 };
    expect(Buffer.from(pcmuCodec.encode(pcm), 'base64')).toEqual(Buffer.from(mulawBytesOf(pcm)));
    expect(() => pcmuCodec.encode({ samples: new Int16Array(480), sampleRate: 24000 })).toThrow(
      RangeError,
    );
    expect(() => pcm16Codec.encode(new MulawFrame(twentyMs()))).toThrow(RangeError);
  });
});
