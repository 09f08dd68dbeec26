import type { TranscriptLine } from '../../../../../widget/call/call-types';
import { cn } from '../../../lib/cn';

type CallTranscriptProps = {
  lines: readonly TranscriptLine[];
  agentName: string;
  /** True while the call is live: new lines are announced. */
  live: boolean;
  className?: string;
};

export function CallTranscript({ lines, agentName, live, className }: CallTranscriptProps) {
  if (lines.length === 0) {
    return (
      <p className={cn('text-sm text-slate-500 dark:text-slate-400', className)}>
        {live ? 'What you and the agent say appears here.' : 'Nothing was said on this call.'}
      </p>
    );
  }
  return (
    <ol
      role={live ? 'log' : undefined}
      aria-label="Call transcript"
      className={cn('space-y-3 text-sm', className)}
    >
      {lines.map((line) => {
        const caller = line.speaker === 'caller';
        return (
          <li key={line.id} className={cn('flex flex-col', caller ? 'items-end' : 'items-start')}>
            <span className="mb-0.5 text-xs font-medium text-slate-500 dark:text-slate-400">
              {caller ? 'You' : agentName}
            </span>
            <p
              className={cn(
                'max-w-[85%] whitespace-pre-line rounded-2xl px-3 py-2',
                caller
                  ? 'rounded-tr-sm bg-blue-600 text-white'
                  : 'rounded-tl-sm bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100',
                live && !line.final && 'opacity-70',
              )}
            >
              {line.text}
              {line.interrupted && (
                <span className="ml-1 text-xs italic opacity-75">(interrupted)</span>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
