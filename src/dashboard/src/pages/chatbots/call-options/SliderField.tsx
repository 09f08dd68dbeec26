import { Slider } from 'radix-ui';
import { type ReactNode, useId } from 'react';
import { Label } from '../../../components/ui/Label';
import { cn } from '../../../lib/cn';
import { focusRing } from '../../../lib/styles';

type SliderFieldProps = {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** The value as people read it, e.g. "1.25×"; also what screen readers announce. */
  format: (value: number) => string;
  onChange: (value: number) => void;
  hint?: ReactNode;
  /** Words under the two ends of the track, e.g. "Slower" / "Faster". */
  ends?: [string, string];
  error?: string | undefined;
  className?: string;
};

/** A labelled slider with its current value beside the label. */
export function SliderField({
  label,
  value,
  min,
  max,
  step,
  format,
  onChange,
  hint,
  ends,
  error,
  className,
}: SliderFieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cn('space-y-2', className)}>
      <div className="flex items-baseline justify-between gap-3">
        <Label id={`${id}-label`}>{label}</Label>
        <output
          aria-hidden="true"
          className="text-sm font-medium tabular-nums text-slate-900 dark:text-slate-100"
        >
          {format(value)}
        </output>
      </div>
      <Slider.Root
        value={[value]}
        min={min}
        max={max}
        step={step}
        onValueChange={([next]) => next !== undefined && onChange(next)}
        className="relative flex h-5 w-full touch-none select-none items-center"
      >
        <Slider.Track className="relative h-1.5 grow overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
          <Slider.Range className="absolute h-full bg-blue-600 dark:bg-blue-500" />
        </Slider.Track>
        <Slider.Thumb
          aria-labelledby={`${id}-label`}
          aria-valuetext={format(value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={cn(
            'block size-4 cursor-grab rounded-full border-2 border-blue-600 bg-white shadow-sm',
            'dark:border-blue-400 dark:bg-slate-900',
            focusRing,
          )}
        />
      </Slider.Root>
      {ends && (
        <div
          aria-hidden="true"
          className="flex justify-between text-xs text-slate-500 dark:text-slate-400"
        >
          <span>{ends[0]}</span>
          <span>{ends[1]}</span>
        </div>
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
