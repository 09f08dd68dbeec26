import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rmsDbfs } from '../../../../src/server/voice/audio/level.js';
import { SynthesisError } from '../../../../src/server/voice/providers/local/parts.js';
import { CompatibleSynthesizer } from '../../../../src/server/voice/providers/local/tts/compatible-synthesizer.js';
import { type FakeServer, startFakeServer } from '../../../fakes/fake-http-server.js';
import {
  FAKE_SPEECH_MS_PER_CHAR,
  type OpenAISpeechOptions,
  openaiSpeechRoutes,
} from '../../../fakes/openai-speech.js';

const KEY = 'sk-local-test-key-0123456789';
const VOICES = ['af_heart', 'am_adam', 'bf_emma'];
const options: OpenAISpeechOptions = { apiKey: KEY, voices: VOICES };
let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer(openaiSpeechRoutes(options));
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
  options.fail = undefined;
  options.hold = undefined;
});

const synthesizer = (overrides: { apiKey?: string | undefined; baseUrl?: string } = {}) =>
  new CompatibleSynthesizer({
    baseUrl: `${server.url}/v1`,
    apiKey: KEY,
    model: 'kokoro',
    voices: VOICES,
    ...overrides,
  });

const expectedSamples = (text: string, speed: number) =>
  Math.round((((text.length * FAKE_SPEECH_MS_PER_CHAR) / speed) * 24000) / 1000);

describe('CompatibleSynthesizer', () => {
  it('offers the configured voices, the first by default, at 24 kHz', () => {
    const synth = synthesizer();
    expect(synth.engine).toBe('openai-compatible');
    expect(synth.sampleRate).toBe(24000);
    expect(synth.defaultVoice).toBe('af_heart');
    expect(synth.voices).toEqual([
      { id: 'af_heart', label: 'af_heart' },
      { id: 'am_adam', label: 'am_adam' },
      { id: 'bf_emma', label: 'bf_emma' },
    ]);
  });

  it('asks for raw pcm and returns every sample the server spoke', async () => {
    const text = 'Your appointment is at nine thirty.';
    const samples = await synthesizer().synthesize(`  ${text} `, { voice: 'am_adam', speed: 1.25 });
    expect(samples.length).toBe(expectedSamples(text, 1.25));
    expect(rmsDbfs(samples)).toBeGreaterThan(-20);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/audio/speech');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toEqual({
      model: 'kokoro',
      input: text,
      voice: 'am_adam',
      response_format: 'pcm',
      speed: 1.25,
    });
  });

  it('uses the default voice for one the server does not offer', async () => {
    await synthesizer().synthesize('Hello.', { voice: 'marin', speed: 1 });
    expect(server.requests[0]?.body).toMatchObject({ voice: 'af_heart' });
  });

  it('sends a placeholder key when none is configured', async () => {
    const keyless = await startFakeServer(openaiSpeechRoutes());
    try {
      const synth = new CompatibleSynthesizer({
        baseUrl: `${keyless.url}/v1/`,
        apiKey: undefined,
        model: 'tts-1',
        voices: ['alloy'],
      });
      expect(synth.voices).toEqual([{ id: 'alloy', label: 'Alloy' }]);
      expect((await synth.synthesize('Hi there.', { voice: 'alloy', speed: 1 })).length).toBe(
        expectedSamples('Hi there.', 1),
      );
      expect(keyless.requests[0]?.headers.authorization).toBe('Bearer none');
    } finally {
      await keyless.close();
    }
  });

  it('returns no audio for blank text without calling the server', async () => {
    expect((await synthesizer().synthesize(' \n', { voice: 'af_heart', speed: 1 })).length).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a refused key with a SynthesisError that names the status, not the key', async () => {
    const error = await synthesizer({ apiKey: 'sk-wrong-key-9876543210' })
      .synthesize('Hello.', { voice: 'af_heart', speed: 1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(SynthesisError);
    expect(error.message).toContain('401');
    expect(error.message).not.toContain('sk-wrong-key-9876543210');
  });

  it('retries a server error once, then rejects with a SynthesisError', async () => {
    options.fail = { status: 500 };
    const error = await synthesizer()
      .synthesize('Hello.', { voice: 'af_heart', speed: 1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(SynthesisError);
    expect(error.message).toContain('500');
    expect(server.requests).toHaveLength(2);
  });

  it('recovers when the retry succeeds', async () => {
    options.fail = { status: 503, times: 1 };
    const samples = await synthesizer().synthesize('Hello.', { voice: 'af_heart', speed: 1 });
    expect(samples.length).toBe(expectedSamples('Hello.', 1));
  });

  it('rejects with an AbortError when aborted while the server is working', async () => {
    let release = () => {};
    options.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const controller = new AbortController();
    const pending = synthesizer().synthesize('Hello.', {
      voice: 'af_heart',
      speed: 1,
      signal: controller.signal,
    });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    release();
  });

  it('rejects with a SynthesisError when nothing listens at the address', async () => {
    const gone = await startFakeServer({});
    await gone.close();
    const error = await synthesizer({ baseUrl: `${gone.url}/v1` })
      .synthesize('Hello.', { voice: 'af_heart', speed: 1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(SynthesisError);
    expect(error.message).toMatch(/unreachable/);
  });
});
