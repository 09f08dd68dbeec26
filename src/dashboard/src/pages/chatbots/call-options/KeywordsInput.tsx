import { X } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import type { ControlProps } from '../../../components/ui/FormField';
import { cn } from '../../../lib/cn';
import { fieldBase, focusRing } from '../../../lib/styles';

type KeywordsInputProps = {
  control: ControlProps;
  value: string[];
  onChange: (value: string[]) => void;
  max: number;
  maxLength: number;
  placeholder: string;
};

/** Words as removable tags; Enter or a comma adds what was typed, Backspace on empty removes the last. */
export function KeywordsInput({
  control,
  value,
  onChange,
  max,
  maxLength,
  placeholder,
}: KeywordsInputProps) {
  const [draft, setDraft] = useState('');
  const full = value.length >= max;

  const add = () => {
    const word = draft.trim();
    if (!word) return;
    if (!value.some((existing) => existing.toLowerCase() === word.toLowerCase())) {
      onChange([...value, word]);
    }
    setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div
      className={cn(
        fieldBase,
        'flex min-h-9 flex-wrap items-center gap-1.5 px-2 py-1.5 focus-within:border-blue-500 focus-within:ring-2 focus-within:ring-blue-500/30',
        'dark:focus-within:border-blue-400',
      )}
      aria-invalid={control['aria-invalid']}
    >
      <ul aria-label="Keywords" className="contents">
        {value.map((word) => (
          <li
            key={word}
            className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-200"
          >
            {word}
            <button
              type="button"
              aria-label={`Remove ${word}`}
              onClick={() => onChange(value.filter((w) => w !== word))}
              className={cn(
                'grid size-4 place-items-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:hover:bg-slate-700 dark:hover:text-slate-100',
                focusRing,
                'focus-visible:ring-offset-0',
              )}
            >
              <X className="size-3" aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      <input
        {...control}
        value={draft}
        disabled={full}
        maxLength={maxLength}
        placeholder={full ? `At most ${max}` : placeholder}
        onChange={(e) => setDraft(e.target.value.replace(',', ''))}
        onKeyDown={onKeyDown}
        onBlur={add}
        className="h-6 min-w-32 flex-1 bg-transparent text-sm outline-none placeholder:text-slate-400 disabled:cursor-not-allowed dark:placeholder:text-slate-500"
      />
    </div>
  );
}
