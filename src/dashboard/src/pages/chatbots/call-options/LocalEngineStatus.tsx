import { CircleAlert, CircleCheck } from 'lucide-react';
import { useLocalVoiceHealth } from '../../../api/call-options';
import { CopyButton } from '../../../components/ui/CopyButton';
import { Skeleton } from '../../../components/ui/Skeleton';
import { cn } from '../../../lib/cn';

const partNames = { vad: 'Voice detection', stt: 'Speech recognition', tts: 'Speech' } as const;

/** Whether this server can answer calls with the local engine, and how to fix it when not. */
export function LocalEngineStatus({ asDefault }: { asDefault: boolean }) {
  const health = useLocalVoiceHealth();

  if (health.isPending) return <Skeleton className="h-16 w-full" />;
  if (health.isError) return null;

  const local = health.data;
  const ready = local.status === 'ok';
  const engines = [local.parts.vad, local.parts.stt, local.parts.tts].map((part) => part.engine);
  const Icon = ready ? CircleCheck : CircleAlert;
  return (
    <div
      role="status"
      data-testid="local-engine-status"
      className={cn(
        'space-y-2 rounded-lg border px-4 py-3 text-sm',
        ready
          ? 'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-100'
          : 'border-red-200 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-100',
      )}
    >
      <div className="flex gap-2.5">
        <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <div className="min-w-0 space-y-1">
          <p className="font-medium">
            {ready
              ? `Local engine ready: ${engines.map(engineName).join(' · ')}`
              : 'The local engine cannot answer calls on this server'}
          </p>
          {asDefault && (
            <p className="text-xs opacity-80">
              The platform default uses the local engine when no OpenAI or Gemini API key is set.
            </p>
          )}
          {!ready && <p className="break-words">{local.message}</p>}
          {!ready && (
            <ul className="space-y-0.5 break-words text-xs">
              {(Object.keys(partNames) as Array<keyof typeof partNames>).map((key) => {
                const part = local.parts[key];
                return (
                  <li key={key}>
                    {partNames[key]} ({engineName(part.engine)}):{' '}
                    {part.ready ? 'ready' : (part.reason ?? 'missing')}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
      {!ready && local.installCommand && (
        <div className="flex items-center gap-2 pl-6.5">
          <code
            data-testid="install-command"
            className="min-w-0 flex-1 overflow-x-auto whitespace-nowrap rounded-md bg-slate-950 px-3 py-2 font-mono text-xs text-slate-100 dark:bg-black/40"
          >
            {local.installCommand}
          </code>
          <CopyButton text={local.installCommand} aria-label="Copy install command" />
        </div>
      )}
    </div>
  );
}

const engineNames: Record<string, string> = { silero: 'Silero VAD' };

function engineName(engine: string): string {
  return engineNames[engine] ?? engine;
}
