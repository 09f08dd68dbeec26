import { useMutation, useQuery } from '@tanstack/react-query';
import { Mic, MicOff, Pause, PhoneForwarded, PhoneOff, Play, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCallEventStream } from '../../api/call-events';
import { useCallDetails } from '../../api/calls';
import { isApiError } from '../../api/client';
import { useCompanyId } from '../../api/company-scope';
import {
  endLiveCall,
  handCallBack,
  setCallHold,
  takeOverInfo,
  transferCall,
} from '../../api/take-over';
import { BackLink } from '../../components/BackLink';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { PageHeader } from '../../components/ui/PageHeader';
import { Spinner } from '../../components/ui/Spinner';
import { formatCallerNumber } from '../../lib/phone';
import { CallTranscriptView } from '../calls/CallTranscriptView';
import { callerOf } from '../calls/call-labels';
import { LiveDuration } from '../calls/LiveDuration';
import { LeaveCallGuard } from './LeaveCallGuard';
import { type PersonCallState, usePersonCall } from './use-person-call';

const endings: Record<string, string> = {
  handed_back: 'You handed the call back to the AI assistant.',
  transferred: 'The caller is being transferred.',
  person_left: 'You left the call; the AI assistant has the caller again.',
  call_ended: 'The call has ended.',
  disconnected: 'The call has ended.',
};

function CallStatus({ state }: { state: PersonCallState }) {
  switch (state.status) {
    case 'connecting':
      return (
        <p
          role="status"
          className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300"
        >
          <Spinner className="size-4" /> Joining the call…
        </p>
      );
    case 'live':
      return null;
    case 'ended':
      return (
        <Alert variant="info" title="You're off the call">
          {endings[state.reason] ?? 'The call has ended.'}{' '}
          <Link to="/calls" className="font-medium underline">
            Back to Calls
          </Link>
        </Alert>
      );
    case 'failed':
      return (
        <Alert variant="error" title="Could not join the call">
          {state.message}
        </Alert>
      );
  }
}

/**
 * A call the signed-in person accepted: they talk with the caller from the
 * browser, see the transcript as both sides speak, and can mute, hold the
 * caller, hand the call back to the AI or end it.
 */
export function TakeOverPage() {
  const { id = '' } = useParams();
  const companyId = useCompanyId();
  useCallEventStream(companyId);
  const details = useCallDetails(id);
  const { state, muted, toggleMute } = usePersonCall(id);
  const [onHold, setOnHold] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const onCall = state.status === 'live';

  const run = (action: () => Promise<void>) => ({
    mutationFn: action,
    onMutate: () => setActionError(null),
    onError: (error: unknown) =>
      setActionError(isApiError(error) ? error.message : 'That did not work. Try again.'),
  });
  const hold = useMutation({
    ...run(() => setCallHold(id, !onHold)),
    onSuccess: () => setOnHold((was) => !was),
  });
  const handBack = useMutation(run(() => handCallBack(id)));
  const transfer = useMutation(run(() => transferCall(id)));
  const info = useQuery({
    queryKey: ['take-over', id],
    queryFn: () => takeOverInfo(id),
    enabled: onCall,
  });
  const transferNumber = info.data?.transferNumber ?? null;
  const end = useMutation(run(() => endLiveCall(id)));

  const call = details.data;
  const caller = call ? callerOf(call) : null;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        eyebrow={<BackLink to="/calls">Calls</BackLink>}
        title={caller ? `Call with ${caller.name}` : 'Live call'}
        description={
          call && (
            <>
              {call.chatbotName ?? 'Chatbot'}
              {onCall && (
                <>
                  {' · '}
                  <LiveDuration startedAt={call.startedAt} />
                </>
              )}
            </>
          )
        }
      />
      <LeaveCallGuard onCall={onCall} />
      <CallStatus state={state} />
      {onCall && (
        <Card className="flex flex-wrap items-center gap-2 p-4">
          <span className="mr-auto flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-300">
            <span className="size-2 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
            {onHold ? 'Caller on hold' : "You're on the call"}
          </span>
          <Button aria-pressed={muted} onClick={toggleMute}>
            {muted ? (
              <MicOff className="size-4" aria-hidden="true" />
            ) : (
              <Mic className="size-4" aria-hidden="true" />
            )}
            {muted ? 'Unmute' : 'Mute'}
          </Button>
          <Button aria-pressed={onHold} pending={hold.isPending} onClick={() => hold.mutate()}>
            {onHold ? (
              <Play className="size-4" aria-hidden="true" />
            ) : (
              <Pause className="size-4" aria-hidden="true" />
            )}
            {onHold ? 'Resume' : 'Hold'}
          </Button>
          <Button pending={handBack.isPending} onClick={() => handBack.mutate()}>
            <Undo2 className="size-4" aria-hidden="true" />
            Hand back to AI
          </Button>
          {transferNumber && (
            <Button pending={transfer.isPending} onClick={() => transfer.mutate()}>
              <PhoneForwarded className="size-4" aria-hidden="true" />
              Transfer to {formatCallerNumber(transferNumber)}
            </Button>
          )}
          <Button variant="danger" pending={end.isPending} onClick={() => end.mutate()}>
            <PhoneOff className="size-4" aria-hidden="true" />
            End call
          </Button>
        </Card>
      )}
      {actionError && <Alert variant="error">{actionError}</Alert>}
      <Card className="p-4">
        <h2 className="mb-3 text-sm font-semibold text-slate-900 dark:text-slate-50">Transcript</h2>
        {call ? (
          <CallTranscriptView lines={call.transcript} live={onCall} />
        ) : details.isError ? (
          <Alert variant="error">The call could not be loaded.</Alert>
        ) : (
          <Spinner className="size-4" />
        )}
      </Card>
    </div>
  );
}
