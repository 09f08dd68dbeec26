import { useEffect, useRef } from 'react';
import type { CallTranscriptLine } from '../../api/types';
import { cn } from '../../lib/cn';
import { speakerLabels } from './call-labels';

/** 95_000 → "1:35": where in the call a line was said. */
function offset(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(totalSeconds / 60)}:${String(totalSeconds % 60).padStart(2, '0')}`;
}

const speakerStyles = {
  caller: 'text-blue-700 dark:text-blue-300',
  agent: 'text-violet-700 dark:text-violet-300',
  human_agent: 'text-emerald-700 dark:text-emerald-300',
} as const;

type CallTranscriptViewProps = {
  lines: CallTranscriptLine[];
  /** A call still in progress: new lines arrive and the view follows them. */
  live: boolean;
};

export function CallTranscriptView({ lines, live }: CallTranscriptViewProps) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (live && lines.length > 0) end.current?.scrollIntoView({ block: 'nearest' });
  }, [live, lines.length]);

  if (lines.length === 0) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        {live ? 'Waiting for the first words…' : 'Nothing was said on this call.'}
      </p>
    );
  }
  return (
    <ol
      role="log"
      aria-label="Transcript"
      aria-live={live ? 'polite' : 'off'}
      className="space-y-3"
    >
      {lines.map((line, index) => (
        <li
          key={line.seq}
          ref={index === lines.length - 1 ? end : undefined}
          className="grid grid-cols-[3rem_minmax(0,1fr)] gap-2 text-sm"
        >
          <span className="pt-0.5 text-xs tabular-nums text-slate-500 dark:text-slate-400">
            {offset(line.startMs)}
          </span>
          <div>
            <p className={cn('text-xs font-semibold', speakerStyles[line.speaker])}>
              {line.speakerName ?? speakerLabels[line.speaker]}
            </p>
            <p className="text-slate-800 dark:text-slate-200">
              {line.text}
              {line.interrupted && (
                <span className="ml-1.5 whitespace-nowrap text-xs italic text-amber-700 dark:text-amber-400">
                  — interrupted
                </span>
              )}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
