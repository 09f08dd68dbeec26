import type { ComponentType, ReactNode } from 'react';
import { useCallCallbacks } from '../../api/callbacks';
import { useNow } from '../../lib/use-now';
import { CallbackItem } from './CallbackItem';

type SectionProps = { title: string; children: ReactNode };

/** The callbacks promised on a call, in its details; nothing while there are none. */
export function CallCallbacks({
  callId,
  section: Section,
}: {
  callId: string;
  section: ComponentType<SectionProps>;
}) {
  const callbacks = useCallCallbacks(callId);
  const now = useNow();
  if (callbacks.isError) {
    return (
      <Section title="Callbacks">
        <p className="text-sm text-red-600 dark:text-red-400">Could not load the callbacks.</p>
      </Section>
    );
  }
  if (!callbacks.data || callbacks.data.length === 0) return null;
  return (
    <Section title="Callbacks">
      <ul aria-label="Callbacks" className="space-y-2">
        {callbacks.data.map((callback) => (
          <li
            key={callback.id}
            className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
          >
            <CallbackItem callback={callback} now={now} />
          </li>
        ))}
      </ul>
    </Section>
  );
}
