import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/server/config.js';
import { agentProviderFactory } from '../../../../src/server/voice/calls/provider-registry.js';
import { ProviderUnavailableError } from '../../../../src/server/voice/runner/provider-unavailable.js';

const logger = pino({ level: 'silent' });
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
    const build = agentProviderFactory(providers, logger);
    const openai = build(model('openai', 'gpt-realtime'));
    expect(openai.name).toBe('openai');
    expect(openai.capabilities).toMatchObject({ truncation: true, inputSampleRate: 24000 });
    const gemini = build(model('gemini', 'gemini-3.8-live'));
    expect(gemini.name).toBe('gemini');
    expect(gemini.capabilities).toMatchObject({ truncation: false, inputSampleRate: 16000 });
  });

  it('names the missing variable when a provider has no key, and never leaks another key', () => {
    const build = agentProviderFactory(
      loadConfig({ GEMINI_API_KEY: 'AIza-secret' }).providers,
      logger,
    );
    const openai = refusalOf(() => build(model('openai', 'gpt-realtime')));
    expect(openai).toMatch(/OPENAI_API_KEY/);
    expect(openai).not.toContain('AIza-secret');
    const gemini = refusalOf(() =>
      agentProviderFactory(loadConfig({}).providers, logger)(model('gemini', 'gemini-3.8-live')),
    );
    expect(gemini).toMatch(/GEMINI_API_KEY/);
  });

  it('says the local engine is not installed yet', () => {
    const build = agentProviderFactory(loadConfig({}).providers, logger);
    expect(refusalOf(() => build(model('local', 'buzzi-local')))).toBe(
      'The local voice engine is not installed yet',
    );
  });
});
