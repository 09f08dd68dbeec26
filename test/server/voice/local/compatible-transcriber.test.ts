import { afterEach, describe, expect, it } from 'vitest';
import { TranscriptionError } from '../../../../src/server/voice/providers/local/parts.js';
import { CompatibleTranscriber } from '../../../../src/server/voice/providers/local/stt/compatible-transcriber.js';
import { type FakeServer, startFakeServer } from '../../../fakes/fake-http-server.js';
import {
  type OpenAITranscriptionOptions,
  openaiTranscriptionServer,
} from '../../../fakes/openai-transcriptions.js';
import { framesOf, spokenAudio } from '../../../helpers/speech.js';

const KEY = 'sk-local-secret-1234';
let server: FakeServer | null = null;
afterEach(() => server?.close());

async function start(options: OpenAITranscriptionOptions) {
  const fake = openaiTranscriptionServer(options);
  server = await startFakeServer(fake.routes);
  return { fake, url: server.url };
}

describe('CompatibleTranscriber', () => {
  it('sends the utterance as a 16 kHz WAV with the model and answers the text', async () => {
    const { fake, url } = await start({ apiKey: KEY, texts: ['What are your business hours?'] });
    const transcriber = new CompatibleTranscriber({
      baseUrl: `${url}/v1`,
      apiKey: KEY,
      model: 'whisper-1',
    });
    const audio = spokenAudio('what are your business hours');
    const stream = transcriber.open({ mode: 'grammar', grammar: { key: 'k', phrases: ['hello'] } });
    const frame = new Int16Array(320);
    for (const part of framesOf(audio)) {
      frame.set(part.samples);
      stream.write(frame);
    }

    expect(await stream.finish()).toBe('What are your business hours?');
    expect(transcriber.engine).toBe('openai-compatible');
    expect(fake.received).toHaveLength(1);
    const [request] = fake.received;
    expect(request?.model).toBe('whisper-1');
    expect(request?.audio.sampleRate).toBe(16000);
    const padded = new Int16Array(framesOf(audio).length * 320);
    padded.set(audio.samples);
    expect(request?.audio.samples).toEqual(padded);
    expect(server?.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('accepts a base URL with a trailing slash and a server that wants no key', async () => {
    const { fake, url } = await start({ texts: ['hello'] });
    const transcriber = new CompatibleTranscriber({
      baseUrl: `${url}/v1/`,
      apiKey: undefined,
      model: 'Systran/faster-whisper-small',
    });
    const stream = transcriber.open({ mode: 'general', grammar: null });
    stream.write(spokenAudio('hello').samples);
    expect(await stream.finish()).toBe('hello');
    expect(fake.received[0]?.model).toBe('Systran/faster-whisper-small');
  });

  it('answers an empty utterance without asking the server', async () => {
    const { fake, url } = await start({ texts: ['never'] });
    const transcriber = new CompatibleTranscriber({
      baseUrl: `${url}/v1`,
      apiKey: undefined,
      model: 'm',
    });
    expect(await transcriber.open({ mode: 'general', grammar: null }).finish()).toBe('');
    expect(fake.received).toHaveLength(0);
  });

  it('turns a server error into a TranscriptionError with the status', async () => {
    const { url } = await start({ texts: ['x'], fail: { status: 500 } });
    const transcriber = new CompatibleTranscriber({
      baseUrl: `${url}/v1`,
      apiKey: KEY,
      model: 'm',
    });
    const stream = transcriber.open({ mode: 'general', grammar: null });
    stream.write(spokenAudio('hello').samples);
    const finished = stream.finish();
    await expect(finished).rejects.toBeInstanceOf(TranscriptionError);
    await expect(finished).rejects.toThrow(/answered 500/);
  });

  it('reports a rejected key without repeating it', async () => {
    const { url } = await start({ apiKey: 'sk-the-right-one', texts: ['x'] });
    const transcriber = new CompatibleTranscriber({
      baseUrl: `${url}/v1`,
      apiKey: KEY,
      model: 'm',
    });
    const stream = transcriber.open({ mode: 'general', grammar: null });
    stream.write(spokenAudio('hello').samples);
    const error = await stream.finish().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscriptionError);
    expect((error as Error).message).toMatch(/rejected the API key \(HTTP 401\)/);
    expect((error as Error).message).not.toContain('sk-');
  });

  it('sends nothing for a cancelled utterance', async () => {
    const { fake, url } = await start({ texts: ['x'] });
    const transcriber = new CompatibleTranscriber({
      baseUrl: `${url}/v1`,
      apiKey: undefined,
      model: 'm',
    });
    const stream = transcriber.open({ mode: 'general', grammar: null });
    stream.write(spokenAudio('hello').samples);
    stream.cancel();
    expect(fake.received).toHaveLength(0);
    await expect(stream.finish()).rejects.toBeInstanceOf(TranscriptionError);
  });
});
