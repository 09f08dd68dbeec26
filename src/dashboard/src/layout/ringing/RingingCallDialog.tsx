import { Phone, PhoneOff } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import type { RingingCall } from '../../api/agent-events';
import { Button } from '../../components/ui/Button';
import { dialogPanelClass, overlayClass } from '../../components/ui/Dialog';
import { cn } from '../../lib/cn';
import { useNow } from '../../lib/use-now';

const sourceLabels: Record<RingingCall['source'], string> = {
  web: 'Web call',
  twilio: 'Phone call',
  whatsapp: 'WhatsApp call',
};

const speakerLabel = (speaker: string) =>
  speaker === 'caller' ? 'Caller' : speaker === 'agent' ? 'AI agent' : 'Team';

type RingingCallDialogProps = {
  call: RingingCall;
  /** A request for this call is on its way. */
  answering: 'accept' | 'decline' | null;
  /** Other calls ringing for this person behind this one. */
  moreRinging: number;
  onAccept: () => void;
  onDecline: () => void;
};

/** An incoming call waiting for a person: who calls, why, what was said, and how long it still rings. */
export function RingingCallDialog({
  call,
  answering,
  moreRinging,
  onAccept,
  onDecline,
}: RingingCallDialogProps) {
  const now = useNow(250);
  const leftSec = Math.max(
    0,
    Math.ceil((call.receivedAt + call.ringTimeoutSec * 1000 - now) / 1000),
  );
  const leftPercent = Math.min(100, (leftSec / Math.max(1, call.ringTimeoutSec)) * 100);
  return (
    <RadixDialog.Root
      open
      onOpenChange={(open) => {
        if (!open && !answering) onDecline();
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClass} />
        <RadixDialog.Content
          className={cn(dialogPanelClass, 'max-w-md')}
          onOpenAutoFocus={(event) => {
            // Accept by habit on Enter would take a call unseen; focus the dialog itself.
            event.preventDefault();
            (event.currentTarget as HTMLElement | null)?.focus();
          }}
        >
          <div className="flex items-start gap-3 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
            <span
              className="relative mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-full bg-emerald-100 text-emerald-700 dark:bg-emerald-900/50 dark:text-emerald-300"
              aria-hidden="true"
            >
              <span className="absolute inset-0 rounded-full bg-emerald-400/40 motion-safe:animate-ping" />
              <Phone className="relative size-5" />
            </span>
            <div className="min-w-0 space-y-0.5">
              <RadixDialog.Title className="text-base font-semibold text-slate-900 dark:text-slate-50">
                Incoming call: <span className="whitespace-nowrap">{call.callerLabel}</span>
              </RadixDialog.Title>
              <RadixDialog.Description className="text-sm text-slate-500 dark:text-slate-400">
                {sourceLabels[call.source]} to {call.chatbotName || 'your chatbot'}
              </RadixDialog.Description>
              {moreRinging > 0 && (
                <p className="text-xs font-medium text-amber-700 dark:text-amber-400">
                  {moreRinging === 1 ? 'One more call is' : `${moreRinging} more calls are`} ringing
                </p>
              )}
            </div>
          </div>
          <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4">
            <div>
              <h3 className="text-xs font-medium text-slate-500 dark:text-slate-400">Reason</h3>
              <p className="mt-1 text-sm text-slate-900 dark:text-slate-100">
                {call.reason || 'The caller asked for a person'}
              </p>
            </div>
            <div>
              <h3 className="text-xs font-medium text-slate-500 dark:text-slate-400">
                Conversation so far
              </h3>
              {call.transcript.length === 0 ? (
                <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">Nothing said yet.</p>
              ) : (
                <ol
                  className="mt-1 max-h-48 space-y-1.5 overflow-y-auto rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-950/50"
                  aria-label="Transcript so far"
                  // Scrollable region: reachable by keyboard.
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable list must take focus to scroll by keyboard
                  tabIndex={0}
                >
                  {call.transcript.map((line, index) => (
                    <li
                      // Lines never reorder while the dialog shows.
                      // biome-ignore lint/suspicious/noArrayIndexKey: the transcript is a fixed snapshot
                      key={index}
                      className="text-slate-800 dark:text-slate-200"
                    >
                      <span
                        className={cn(
                          'mr-1.5 font-medium',
                          line.speaker === 'caller'
                            ? 'text-emerald-700 dark:text-emerald-400'
                            : 'text-blue-700 dark:text-blue-400',
                        )}
                      >
                        {speakerLabel(line.speaker)}:
                      </span>
                      {line.text}
                    </li>
                  ))}
                </ol>
              )}
            </div>
            <div className="space-y-1.5">
              <p className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
                {leftSec > 0 ? `Rings for ${leftSec} more seconds` : 'Moving on…'}
              </p>
              <div
                className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
                aria-hidden="true"
              >
                <div
                  className="h-full rounded-full bg-emerald-500 motion-safe:transition-[width] motion-safe:duration-300 dark:bg-emerald-400"
                  style={{ width: `${leftPercent}%` }}
                />
              </div>
            </div>
          </div>
          <div className="flex gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800 [&>*]:flex-1 sm:[&>*]:flex-none sm:justify-end">
            <Button
              variant="danger-outline"
              onClick={onDecline}
              disabled={answering !== null}
              pending={answering === 'decline'}
            >
              <PhoneOff className="size-4" aria-hidden="true" />
              Decline
            </Button>
            <Button
              className="bg-emerald-600 text-white hover:bg-emerald-700 active:bg-emerald-800 dark:bg-emerald-600 dark:hover:bg-emerald-500"
              variant="primary"
              onClick={onAccept}
              disabled={answering !== null}
              pending={answering === 'accept'}
            >
              <Phone className="size-4" aria-hidden="true" />
              Accept
            </Button>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
