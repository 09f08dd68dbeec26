import { describe, expect, it } from 'vitest';
import {
  chatbotSettingsPatchSchema,
  defaultChatbotSettings,
  mergeChatbotSettings,
} from '../../src/shared/chatbot-settings.js';

describe('chatbot settings', () => {
  it('has defaults for every widget and call option', () => {
    const settings = defaultChatbotSettings();
    expect(Object.keys(settings.widget).length).toBeGreaterThanOrEqual(20);
    expect(settings.call).toMatchObject({
      silenceTimeoutSec: 180,
      maxDurationMin: 10,
      vadThreshold: 0.5,
      endCallPhrase: 'goodbye',
      allowInterruption: true,
    });
  });

  it('deep-merges a patch and keeps untouched values', () => {
    const base = mergeChatbotSettings({}, { widget: { title: 'Acme' } });
    const merged = mergeChatbotSettings(base, {
      widget: { primaryColor: '#112233', call: { buttonText: 'Ring us' } },
      call: { speed: 1.5 },
    });
    expect(merged.widget.title).toBe('Acme');
    expect(merged.widget.primaryColor).toBe('#112233');
    expect(merged.widget.call.buttonText).toBe('Ring us');
    expect(merged.widget.call.visualizerStyle).toBe('orb');
    expect(merged.call.speed).toBe(1.5);
    expect(merged.call.greeting).toBe(defaultChatbotSettings().call.greeting);
  });

  it('rejects out-of-range and unknown values with their path', () => {
    const result = chatbotSettingsPatchSchema.safeParse({
      call: { silenceTimeoutSec: 10, vadThreshold: 2 },
      widget: { primaryColor: 'blue', nonsense: true },
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'call.silenceTimeoutSec',
        'call.vadThreshold',
        'widget.primaryColor',
      ]),
    );
    expect(result.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });
});
