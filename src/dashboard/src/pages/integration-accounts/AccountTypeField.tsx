import { MessageCircle, Phone } from 'lucide-react';
import { Badge } from '../../components/ui/Badge';
import { cn } from '../../lib/cn';
import { accountTypeLabels } from './account-labels';

const options = [
  {
    value: 'twilio',
    icon: Phone,
    description: 'Your chatbot answers calls to your Twilio number.',
    comingSoon: false,
  },
  {
    value: 'whatsapp',
    icon: MessageCircle,
    description: 'Your chatbot answers WhatsApp calls.',
    comingSoon: true,
  },
] as const;

/** The kind of account to add; only Twilio can be connected today. */
export function AccountTypeField() {
  return (
    <fieldset className="space-y-1.5">
      <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
        Account type
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => {
          const nameId = `account-type-${option.value}`;
          const hintId = `${nameId}-hint`;
          return (
            <label
              key={option.value}
              className={cn(
                'relative flex gap-3 rounded-lg border p-3',
                'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500',
                option.comingSoon
                  ? 'cursor-not-allowed border-slate-200 opacity-70 dark:border-slate-800'
                  : 'cursor-pointer border-blue-600 bg-blue-50/60 dark:border-blue-500 dark:bg-blue-950/30',
              )}
            >
              <input
                type="radio"
                name="accountType"
                value={option.value}
                checked={!option.comingSoon}
                disabled={option.comingSoon}
                readOnly
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
                  {option.comingSoon && <Badge>Coming soon</Badge>}
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
