import type { z } from 'zod';
import {
  type WidgetSettings,
  widgetCallSettingsSchema,
  widgetSettingsSchema,
} from '../../../../../shared/chatbot-settings';
import type { Chatbot } from '../../../api/types';

export type WidgetErrors = Record<string, string>;

const defaults = widgetSettingsSchema.parse({});
const callDefaults = widgetCallSettingsSchema.parse({});

/** The chatbot's widget settings with defaults filled in for anything missing. */
export function widgetValuesOf(chatbot: Chatbot): WidgetSettings {
  const stored: Partial<WidgetSettings> = chatbot.settings?.widget ?? {};
  return { ...defaults, ...stored, call: { ...callDefaults, ...stored.call } };
}

function friendlyMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${issue.maximum} characters.`;
      if (issue.origin === 'array') return `Add at most ${issue.maximum}.`;
      return `Must be ${issue.maximum} or less.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'Required.'
          : `Use at least ${issue.minimum} characters.`;
      }
      return `Must be ${issue.minimum} or more.`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'Enter a whole number.' : 'Invalid value.';
    case 'invalid_format':
      if (issue.format === 'regex') return 'Use a hex colour like #2563eb.';
      if (issue.format === 'url') return 'Enter a full URL starting with https://, or leave empty.';
      return 'Invalid format.';
    case 'invalid_union':
      return 'Enter a full URL starting with https://, or leave empty.';
    case 'invalid_value':
      return 'Choose one of the options.';
    default:
      return issue.message;
  }
}

/** Validates with the shared schema; keys are dotted paths such as `call.buttonText`. */
export function validateWidget(values: WidgetSettings): WidgetErrors {
  const result = widgetSettingsSchema.safeParse(values);
  if (result.success) return {};
  const errors: WidgetErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= friendlyMessage(issue);
  }
  return errors;
}

export const positionLabels = { 'bottom-right': 'Bottom right', 'bottom-left': 'Bottom left' };
export const themeLabels = {
  light: 'Light',
  dark: 'Dark',
  auto: "Auto (follows the visitor's system)",
};
export const launcherIconLabels = {
  chat: 'Chat bubble',
  message: 'Message',
  help: 'Question mark',
  sparkles: 'Sparkles',
  headset: 'Headset',
};
export const callButtonIconLabels = { phone: 'Phone', mic: 'Microphone', headset: 'Headset' };
export const visualizerLabels = { wave: 'Wave', orb: 'Orb' };
