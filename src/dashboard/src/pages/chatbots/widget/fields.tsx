import type { ReactNode } from 'react';
import { FormField } from '../../../components/ui/FormField';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';

// Small labelled controls for the widget form, so each section reads as a list of settings.

type BaseProps = {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  disabled?: boolean;
  className?: string;
};

export function TextField({
  value,
  onChange,
  placeholder,
  maxLength,
  type = 'text',
  ...base
}: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxLength?: number;
  type?: 'text' | 'url';
}) {
  return (
    <FormField label={base.label} error={base.error} hint={base.hint} className={base.className}>
      {(control) => (
        <Input
          {...control}
          type={type}
          value={value}
          disabled={base.disabled}
          placeholder={placeholder}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

export function TextAreaField({
  value,
  onChange,
  rows = 3,
  maxLength,
  ...base
}: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <FormField label={base.label} error={base.error} hint={base.hint} className={base.className}>
      {(control) => (
        <Textarea
          {...control}
          rows={rows}
          value={value}
          disabled={base.disabled}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

export function NumberField({
  value,
  onChange,
  min,
  max,
  step = 1,
  unit,
  ...base
}: BaseProps & {
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
  step?: number;
  unit?: string;
}) {
  return (
    <FormField
      label={base.label}
      error={base.error}
      hint={base.hint ?? `${min}–${max}${unit ? ` ${unit}` : ''}`}
      className={base.className}
    >
      {(control) => (
        <Input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={step}
          value={Number.isNaN(value) ? '' : value}
          disabled={base.disabled}
          onChange={(e) => onChange(e.target.valueAsNumber)}
        />
      )}
    </FormField>
  );
}

const hexPattern = /^#[0-9a-fA-F]{6}$/;

export function ColorField({
  value,
  onChange,
  ...base
}: BaseProps & { value: string; onChange: (value: string) => void }) {
  return (
    <FormField label={base.label} error={base.error} hint={base.hint} className={base.className}>
      {(control) => (
        <div className="flex items-center gap-2">
          <input
            type="color"
            aria-label={`${base.label} picker`}
            value={hexPattern.test(value) ? value.toLowerCase() : '#000000'}
            disabled={base.disabled}
            onChange={(e) => onChange(e.target.value)}
            className="h-9 w-11 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none disabled:cursor-not-allowed dark:border-slate-700 dark:bg-slate-900"
          />
          <Input
            {...control}
            value={value}
            disabled={base.disabled}
            maxLength={7}
            spellCheck={false}
            className="font-mono uppercase"
            onChange={(e) => onChange(e.target.value.trim())}
          />
        </div>
      )}
    </FormField>
  );
}

export function ChoiceField<T extends string>({
  value,
  onChange,
  labels,
  ...base
}: BaseProps & { value: T; onChange: (value: T) => void; labels: Record<T, string> }) {
  const options = (Object.keys(labels) as T[]).map((key) => ({ value: key, label: labels[key] }));
  return (
    <FormField label={base.label} error={base.error} hint={base.hint} className={base.className}>
      {(control) => (
        <Select
          {...control}
          value={value}
          disabled={base.disabled}
          options={options}
          onValueChange={(next) => {
            const match = options.find((o) => o.value === next);
            if (match) onChange(match.value);
          }}
        />
      )}
    </FormField>
  );
}
