import type { CallSettings } from '../../../../../shared/chatbot-settings';
import type { CallSettingsErrors } from './call-options-form';

export type CallSectionProps = {
  values: CallSettings;
  set: <K extends keyof CallSettings>(key: K, value: CallSettings[K]) => void;
  edit: (change: (current: CallSettings) => CallSettings) => void;
  errors: CallSettingsErrors;
};
