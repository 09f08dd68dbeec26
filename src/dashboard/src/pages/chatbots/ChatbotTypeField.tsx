import { Bot, Phone } from 'lucide-react';
import type { ChatbotType } from '../../../../shared/domain';
import { cn } from '../../lib/cn';

type ChatbotTypeFieldProps = {
  value: ChatbotType;
  onChange: (value: ChatbotType) => void;
  callEnabled: boolean;
};

const options = [
  {
    value: 'chat',
    label: 'Chat',
    icon: Bot,
    description: 'Answers visitors in the website chat widget.',
  },
  {
    value: 'call',
    label: 'Call',
    icon: Phone,
    description: 'Chat plus voice calls in the widget, by phone and on WhatsApp.',
  },
] as const;

export function ChatbotTypeField({ value, onChange, callEnabled }: ChatbotTypeFieldProps) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
        Type
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => {
          const disabled = option.value === 'call' && !callEnabled;
          const hintId = `chatbot-type-${option.value}-hint`;
          return (
            <label
              key={option.value}
              className={cn(
                'relative flex gap-3 rounded-lg border p-3 motion-safe:transition-colors',
                'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500',
                value === option.value
                  ? 'border-blue-600 bg-blue-50/60 dark:border-blue-500 dark:bg-blue-950/30'
                  : 'border-slate-300 dark:border-slate-700',
                disabled
                  ? 'cursor-not-allowed opacity-70'
                  : 'cursor-pointer hover:border-slate-400 dark:hover:border-slate-600',
              )}
            >
              <input
                type="radio"
                name="chatbotType"
                value={option.value}
                checked={value === option.value}
                disabled={disabled}
                aria-describedby={hintId}
                onChange={() => onChange(option.value)}
                className="sr-only"
              />
              <option.icon
                className="mt-0.5 size-4 shrink-0 text-slate-500 dark:text-slate-400"
                aria-hidden="true"
              />
              <span className="space-y-0.5">
                <span className="block text-sm font-medium text-slate-900 dark:text-slate-50">
                  {option.label}
                </span>
                <span id={hintId} className="block text-xs text-slate-500 dark:text-slate-400">
                  {disabled
                    ? 'Voice calls are not enabled for your company. Ask your platform administrator to turn on the Call Feature.'
                    : option.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
