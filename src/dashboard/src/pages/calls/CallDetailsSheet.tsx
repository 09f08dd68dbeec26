import { CalendarClock, Download, Flag, TicketPlus, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { type ReactNode, useState } from 'react';
import { callPdfUrl, useCallDetails } from '../../api/calls';
import type { CallDetails } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { overlayClass } from '../../components/ui/Dialog';
import { ErrorState } from '../../components/ui/ErrorState';
import { Skeleton } from '../../components/ui/Skeleton';
import { CallCallbacks } from './CallCallbacks';
import { CallerHistory } from './CallerHistory';
import { CallFacts } from './CallFacts';
import { CallNotes } from './CallNotes';
import { CallTranscriptView } from './CallTranscriptView';
import { CreateTicketDialog } from './CreateTicketDialog';
import { callerOf, followUps, isLive, statusBadges } from './call-labels';
import { DeleteCallButton } from './DeleteCallButton';
import { HandledButton } from './HandledButton';
import { LinkedTickets } from './LinkedTickets';
import { LiveCallControls } from './LiveCallControls';
import { RecordingPlayer } from './RecordingPlayer';
import { ScheduleCallbackDialog } from './ScheduleCallbackDialog';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-50">{title}</h3>
      {children}
    </section>
  );
}

function DetailsSkeleton() {
  return (
    <div role="status" className="space-y-4 p-5">
      <span className="sr-only">Loading the call…</span>
      <Skeleton className="h-6 w-1/2" />
      <Skeleton className="h-16" />
      <Skeleton className="h-40" />
    </div>
  );
}

function CallDetailsContent({
  call,
  onOpen,
  onClose,
  onLinkExpired,
}: {
  call: CallDetails;
  onOpen: (id: string) => void;
  onClose: () => void;
  /** The recording's signed link ran out: fetch the details (and a new link) again. */
  onLinkExpired: () => void;
}) {
  const { isCompanyAdmin } = useSession();
  const caller = callerOf(call);
  const status = statusBadges[call.status];
  const live = isLive(call);
  const [dialog, setDialog] = useState<'ticket' | 'callback' | null>(null);
  const dialogChange = (which: 'ticket' | 'callback') => (open: boolean) =>
    setDialog(open ? which : null);
  return (
    <>
      <div className="flex items-start gap-3 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
        <div className="min-w-0 flex-1 space-y-1.5">
          <Dialog.Title className="truncate text-base font-semibold text-slate-900 dark:text-slate-50">
            {caller.name}
          </Dialog.Title>
          {caller.number && (
            <p className="text-sm tabular-nums text-slate-500 dark:text-slate-400">
              {caller.number}
            </p>
          )}
          <div className="flex flex-wrap gap-1.5">
            <Badge tone={status.tone}>{status.label}</Badge>
            {call.isUrgent && (
              <Badge tone="red">
                <Flag className="size-3" aria-hidden="true" />
                Urgent
              </Badge>
            )}
            {call.isHandled && <Badge tone="green">Handled</Badge>}
            {followUps(call).map((reason) => (
              <Badge key={reason} tone={call.isHandled ? 'neutral' : 'amber'}>
                {reason}
              </Badge>
            ))}
          </div>
        </div>
        <Dialog.Close asChild>
          <Button variant="ghost" size="icon-sm" aria-label="Close" className="-mr-2">
            <X className="size-4" aria-hidden="true" />
          </Button>
        </Dialog.Close>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4">
        {live && (
          <Section title="Live call">
            <LiveCallControls callId={call.id} />
          </Section>
        )}
        <CallFacts call={call} />
        {call.recordingUrl && (
          <Section title="Recording">
            <RecordingPlayer key={call.id} url={call.recordingUrl} onLinkExpired={onLinkExpired} />
          </Section>
        )}
        <Section title={live ? 'Live transcript' : 'Transcript'}>
          <CallTranscriptView lines={call.transcript} live={live} />
        </Section>
        <Section title="Notes">
          <CallNotes key={call.id} callId={call.id} notes={call.notes} />
        </Section>
        {call.tickets.length > 0 && (
          <Section title="Messages and tickets">
            <LinkedTickets tickets={call.tickets} />
          </Section>
        )}
        <CallCallbacks callId={call.id} section={Section} />
        {call.callerId && (
          <Section title="Earlier calls from this caller">
            <CallerHistory calls={call.callerHistory} onOpen={onOpen} />
          </Section>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
        <HandledButton call={call} />
        <Button size="sm" onClick={() => setDialog('ticket')}>
          <TicketPlus className="size-3.5" aria-hidden="true" />
          Create ticket
        </Button>
        <Button size="sm" onClick={() => setDialog('callback')}>
          <CalendarClock className="size-3.5" aria-hidden="true" />
          Schedule callback
        </Button>
        <Button size="sm" asChild>
          <a href={callPdfUrl(call.id)} download>
            <Download className="size-3.5" aria-hidden="true" />
            Download PDF
          </a>
        </Button>
        {isCompanyAdmin && (
          <div className="ml-auto">
            <DeleteCallButton callId={call.id} onDeleted={onClose} />
          </div>
        )}
      </div>
      {dialog === 'ticket' && (
        <CreateTicketDialog call={call} open onOpenChange={dialogChange('ticket')} />
      )}
      {dialog === 'callback' && (
        <ScheduleCallbackDialog call={call} open onOpenChange={dialogChange('callback')} />
      )}
    </>
  );
}

type CallDetailsSheetProps = {
  callId: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
};

/** A call's full story in a panel at the side of the list (the whole screen on phones). */
export function CallDetailsSheet({ callId, onOpen, onClose }: CallDetailsSheetProps) {
  const details = useCallDetails(callId);
  return (
    <Dialog.Root open={callId !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClass} />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-full flex-col border-l border-slate-200 bg-white shadow-xl outline-none sm:max-w-xl dark:border-slate-800 dark:bg-slate-900 motion-safe:data-[state=open]:animate-slide-in-right"
        >
          {details.data ? (
            <CallDetailsContent
              call={details.data}
              onOpen={onOpen}
              onClose={onClose}
              onLinkExpired={() => void details.refetch()}
            />
          ) : (
            <>
              <Dialog.Title className="sr-only">Call details</Dialog.Title>
              {details.isError ? (
                <div className="p-5">
                  <ErrorState
                    title="Could not load the call"
                    error={details.error}
                    onRetry={() => details.refetch()}
                    retrying={details.isFetching}
                  />
                  <Dialog.Close asChild>
                    <Button className="mt-4 w-full">Close</Button>
                  </Dialog.Close>
                </div>
              ) : (
                <DetailsSkeleton />
              )}
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
