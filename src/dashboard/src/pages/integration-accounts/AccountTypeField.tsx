import { MessageCircle, Phone } from 'lucide-react';
import type { AccountType } from '../../../../shared/domain';
import { cn } from '../../lib/cn';
import { accountTypeLabels } from './account-labels';

const options = [
  {
    value: 'twilio',
    icon: Phone,
    description: 'Your chatbot answers calls to your Twilio number.',
  },
  {
    value: 'whatsapp',
    icon: MessageCircle,
    description: 'Your chatbot answers WhatsApp calls to your business number.',
  },
] as const;

type AccountTypeFieldProps = { value: AccountType; onChange: (value: AccountType) => void };

/** The kind of account to add: a Twilio number or a WhatsApp Business number. */
export function AccountTypeField({ value, onChange }: AccountTypeFieldProps) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
        Account type
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => {
          const nameId = `account-type-${option.value}`;
          const hintId = `${nameId}-hint`;
          const checked = option.value === value;
          return (
            <label
              key={option.value}
              className={cn(
                'relative flex cursor-pointer gap-3 rounded-lg border p-3',
                'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500',
                checked
                  ? 'border-blue-600 bg-blue-50/60 dark:border-blue-500 dark:bg-blue-950/30'
                  : 'border-slate-200 dark:border-slate-800',
              )}
            >
              <input
                type="radio"
                name="accountType"
                value={option.value}
                checked={checked}
                onChange={() => onChange(option.value)}
                aria-labelledby={nameId}
                aria-describedby={hintId}
                className="sr-only"
              />
              <option.icon
                className="mt-0.5 size-4 shrink-0 text-slate-500 dark:text-slate-400"
                aria-hidden="true"
              />
              <span className="min-w-0 space-y-0.5">
                <span
                  id={nameId}
                  className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900 dark:text-slate-50"
                >
                  {accountTypeLabels[option.value]}
                </span>
                <span id={hintId} className="block text-xs text-slate-500 dark:text-slate-400">
                  {option.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
