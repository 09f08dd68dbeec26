import type { z } from 'zod';
import { type CallSettings, callSettingsSchema } from '../../../../../shared/chatbot-settings';

export type CallSettingsErrors = Record<string, string>;

export const GREETING_MAX = callSettingsSchema.shape.greeting.unwrap().maxLength ?? 500;
export const END_PHRASE_MAX = callSettingsSchema.shape.endCallPhrase.unwrap().maxLength ?? 60;
export const KEYWORD_MAX = 40;
export const KEYWORDS_MAX = 30;

function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (issue.path[0] === 'transferNumber') {
    return 'Enter a phone number with + and the country code, e.g. +1 555 123 4567.';
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `Use at most ${issue.maximum} characters.`;
  }
  if (issue.code === 'too_big' && issue.origin === 'array') return `Add at most ${issue.maximum}.`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Required.';
  return issue.message;
}

/** Checks with the schema the server uses; keys are dotted paths such as `urgentKeywords.2`. */
export function validateCallSettings(values: CallSettings): CallSettingsErrors {
  const result = callSettingsSchema.safeParse(values);
  if (result.success) return {};
  const errors: CallSettingsErrors = {};
  for (const issue of result.error.issues) errors[issue.path.join('.')] ??= friendlyMessage(issue);
  return errors;
}

/** Only the settings that differ from the saved ones, so an untouched setting is never rewritten. */
export function changedSettings(values: CallSettings, saved: CallSettings): Partial<CallSettings> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(saved[key as keyof CallSettings]),
    ),
  ) as Partial<CallSettings>;
}

export type FeatureKey =
  | 'realtimeTranscription'
  | 'recording'
  | 'allowInterruption'
  | 'knowledgeBaseAccess';

type Feature = {
  key: FeatureKey;
  label: string;
  description: string;
  /** Shown while the switch is in the position that needs care. */
  warning: { when: boolean; text: string };
};

export const features: Feature[] = [
  {
    key: 'realtimeTranscription',
    label: 'Realtime transcription',
    description: 'Writes down what the caller says as they speak, for the transcript and summary.',
    warning: {
      when: false,
      text: "The caller's words won't be in the transcript, and summaries get less reliable.",
    },
  },
  {
    key: 'recording',
    label: 'Recording',
    description: 'Keeps an audio recording of each call.',
    warning: { when: true, text: 'Tell callers they are recorded where the law requires it.' },
  },
  {
    key: 'allowInterruption',
    label: 'Allow interruption',
    description: 'The agent stops talking as soon as the caller speaks.',
    warning: { when: false, text: "Callers won't be able to cut the agent off." },
  },
  {
    key: 'knowledgeBaseAccess',
    label: 'Knowledge base access',
    description: "The agent looks answers up in the chatbot's knowledge base during the call.",
    warning: { when: false, text: 'The agent can only answer from its instructions.' },
  },
];

export const formatSpeed = (speed: number) => `${speed.toFixed(2)}×`;
export const formatSeconds = (seconds: number) => `${seconds} s`;
export const formatMinutes = (minutes: number) => `${minutes} min`;
export const formatThreshold = (threshold: number) => threshold.toFixed(2);
