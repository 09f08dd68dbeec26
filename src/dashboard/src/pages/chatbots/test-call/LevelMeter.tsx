import { useEffect, useRef } from 'react';
import type { AudioLevels, CallController } from '../../../../../widget/call/call-types';

const bars: Array<{ key: keyof AudioLevels; label: string; color: string }> = [
  { key: 'caller', label: 'You', color: 'bg-blue-600 dark:bg-blue-400' },
  { key: 'agent', label: 'Agent', color: 'bg-emerald-600 dark:bg-emerald-400' },
];

/**
 * How loud the caller and the agent are, ~30 times a second. The bars are
 * written straight to the DOM so the rest of the call screen does not
 * re-render at that rate.
 */
export function LevelMeter({ controller }: { controller: CallController }) {
  const fills = useRef<Partial<Record<keyof AudioLevels, HTMLDivElement | null>>>({});

  useEffect(
    () =>
      controller.on('levels', (levels) => {
        for (const { key } of bars) {
          const fill = fills.current[key];
          if (fill) fill.style.transform = `scaleX(${levels[key]})`;
        }
      }),
    [controller],
  );

  return (
    <div aria-hidden="true" className="w-full max-w-xs space-y-2">
      {bars.map(({ key, label, color }) => (
        <div key={key} className="flex items-center gap-3">
          <span className="w-10 text-right text-xs text-slate-500 dark:text-slate-400">
            {label}
          </span>
          <div className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
            <div
              ref={(node) => {
                fills.current[key] = node;
              }}
              data-testid={`level-${key}`}
              className={`h-full origin-left rounded-full motion-safe:transition-transform motion-safe:duration-75 ${color}`}
              style={{ transform: 'scaleX(0)' }}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
