import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/server/config.js';
import {
  agentProviderFactory,
  type CallContext,
} from '../../../../src/server/voice/calls/provider-registry.js';
import { LocalVoiceEngine } from '../../../../src/server/voice/providers/local/engine.js';
import { LocalVoiceProvider } from '../../../../src/server/voice/providers/local/provider.js';
import { ProviderUnavailableError } from '../../../../src/server/voice/runner/provider-unavailable.js';
import { callSettingsSchema } from '../../../../src/shared/chatbot-settings.js';

const logger = pino({ level: 'silent' });
const CALL: CallContext = {
  callId: '00000000-0000-4000-8000-000000000002',
  companyId: '00000000-0000-4000-8000-000000000003',
  chatbotId: '00000000-0000-4000-8000-000000000004',
  source: 'web',
  chatModelId: null,
  settings: callSettingsSchema.parse({}),
};
const model = (provider: 'openai' | 'gemini' | 'local', modelId: string) => ({
  id: '00000000-0000-4000-8000-000000000001',
  provider,
  modelId,
});

function refusalOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    return (error as Error).message;
  }
  throw new Error('expected the provider to be unavailable');
}

describe('agentProviderFactory', () => {
  it('builds the OpenAI Realtime and Gemini Live providers when their keys are set', () => {
    const { providers } = loadConfig({
      OPENAI_API_KEY: 'sk-test-key-0123456789',
      GEMINI_API_KEY: 'AIza-test-key-0123456789',
    });
    const build = agentProviderFactory({ providers, logger });
    const openai = build(model('openai', 'gpt-realtime'), CALL);
    expect(openai.name).toBe('openai');
    expect(openai.capabilities).toMatchObject({ truncation: true, inputSampleRate: 24000 });
    const gemini = build(model('gemini', 'gemini-3.8-live'), CALL);
    expect(gemini.name).toBe('gemini');
    expect(gemini.capabilities).toMatchObject({ truncation: false, inputSampleRate: 16000 });
  });

  it('names the missing variable when a provider has no key, and never leaks another key', () => {
    const build = agentProviderFactory({
      providers: loadConfig({ GEMINI_API_KEY: 'AIza-secret' }).providers,
      logger,
    });
    const openai = refusalOf(() => build(model('openai', 'gpt-realtime'), CALL));
    expect(openai).toMatch(/OPENAI_API_KEY/);
    expect(openai).not.toContain('AIza-secret');
    const gemini = refusalOf(() =>
      agentProviderFactory({ providers: loadConfig({}).providers, logger })(
        model('gemini', 'gemini-3.8-live'),
        CALL,
      ),
    );
    expect(gemini).toMatch(/GEMINI_API_KEY/);
  });

  it('builds the local engine for the call it is given, and refuses where it is not wired', () => {
    const config = loadConfig({});
    const engine = new LocalVoiceEngine({ config: config.localVoice, logger });
    const calls: CallContext[] = [];
    const build = agentProviderFactory({
      providers: config.providers,
      logger,
      local: (call) => {
        calls.push(call);
        return new LocalVoiceProvider({
          engine,
          logger,
          call: {
            recognition: 'general',
            grammar: async () => ({ key: 'none', phrases: [] }),
            brain: async () => {
              throw new Error('not used');
            },
          },
        });
      },
    });
    const local = build(model('local', 'buzzi-local'), CALL);
    expect(local.name).toBe('local');
    expect(local.capabilities).toMatchObject({ inputSampleRate: 16000, outputSampleRate: 16000 });
    expect(local.capabilities.voices).toContain('slt');
    expect(calls).toEqual([CALL]);
    const unwired = agentProviderFactory({ providers: config.providers, logger });
    expect(refusalOf(() => unwired(model('local', 'buzzi-local'), CALL))).toBe(
      'The local voice engine is not enabled',
    );
  });
});
