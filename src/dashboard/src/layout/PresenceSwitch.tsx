import { useId } from 'react';
import { useAgentStreamState } from '../api/agent-events';
import { usePresence, useSetPresence } from '../api/presence';
import { Switch } from '../components/ui/Switch';
import { useToast } from '../components/ui/toast-context';
import { cn } from '../lib/cn';
import { errorMessage } from '../lib/errors';

/** Available / Away for taking calls: shown on every page of a company with calls. */
export function PresenceSwitch({ companyId }: { companyId: string }) {
  const id = useId();
  const presence = usePresence(companyId);
  const setPresence = useSetPresence(companyId);
  const toast = useToast();
  const stream = useAgentStreamState();
  if (!presence.data?.takesCalls) return null;
  const shown =
    (setPresence.isPending ? setPresence.variables : presence.data.presence) === 'available';
  // Available, but this tab lost the server: nothing can ring here until it reconnects.
  const offline = shown && stream === 'reconnecting';
  return (
    <div
      className={cn(
        'flex h-8 items-center gap-2 rounded-full border pr-1.5 pl-2.5 text-xs font-medium',
        offline
          ? 'border-slate-300 bg-slate-100 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200'
          : shown
            ? 'border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200'
            : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800/70 dark:bg-amber-950/40 dark:text-amber-100',
      )}
      title={
        offline
          ? 'Reconnecting: calls cannot ring here until the connection is back'
          : shown
            ? 'Calls waiting for a person ring here'
            : 'Calls do not ring for you'
      }
    >
      <span
        aria-hidden="true"
        className={cn(
          'size-2 rounded-full',
          offline ? 'bg-slate-400' : shown ? 'bg-emerald-500' : 'bg-amber-500',
        )}
      />
      <label
        htmlFor={id}
        // The narrowest phones keep the coloured dot and the switch; the word needs room.
        className="cursor-pointer select-none max-[359px]:sr-only"
        aria-hidden="true"
      >
        {offline ? 'Offline' : shown ? 'Available' : 'Away'}
      </label>
      {offline && (
        <span id={`${id}-offline`} className="sr-only">
          Reconnecting: calls cannot ring here until the connection is back.
        </span>
      )}
      <Switch
        id={id}
        aria-label="Available for calls"
        aria-describedby={offline ? `${id}-offline` : undefined}
        checked={shown}
        disabled={setPresence.isPending}
        onCheckedChange={(checked) =>
          setPresence.mutate(checked ? 'available' : 'away', {
            onError: (error) =>
              toast({
                title: 'Could not change your availability',
                description: errorMessage(error),
                variant: 'error',
              }),
          })
        }
        className="data-[state=checked]:bg-emerald-600 dark:data-[state=checked]:bg-emerald-500"
      />
    </div>
  );
}
