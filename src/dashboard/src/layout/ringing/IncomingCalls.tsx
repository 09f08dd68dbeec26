import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { type RingCancelled, type RingingCall, useAgentEventStream } from '../../api/agent-events';
import { api, isApiError } from '../../api/client';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';
import { startRingTone } from '../../lib/ring-tone';
import { RingingCallDialog } from './RingingCallDialog';

const cancelNotices: Record<RingCancelled['reason'], (c: RingCancelled) => string> = {
  taken: (c) => (c.takenBy ? `${c.takenBy} took the call` : 'Someone else took the call'),
  timeout: () => 'The call stopped ringing here',
  caller_hung_up: () => 'The caller hung up',
  declined: () => 'You declined the call',
};

/**
 * Keeps this tab's agent event stream open (what makes the person reachable)
 * and rings, with a sound and a dialog, for each call offered to them.
 */
export function IncomingCalls({ companyId }: { companyId: string }) {
  const toast = useToast();
  const navigate = useNavigate();
  const [answering, setAnswering] = useState<{ callId: string; kind: 'accept' | 'decline' } | null>(
    null,
  );
  const { ringing, dismiss } = useAgentEventStream(companyId, (call: RingingCall, cancelled) => {
    // The tab that is taking the call hears it was taken (by this person) before its answer.
    if (answering?.callId === call.callId && answering.kind === 'accept') return;
    toast({ title: cancelNotices[cancelled.reason](cancelled), description: call.callerLabel });
  });
  const call = ringing[0];
  const isRinging = call !== undefined;

  useEffect(() => {
    if (!isRinging) return;
    const tone = startRingTone();
    return () => tone.stop();
  }, [isRinging]);

  if (!call) return null;

  const accept = async () => {
    setAnswering({ callId: call.callId, kind: 'accept' });
    try {
      const taken = await api.post<{ callId: string; takeOverPath: string }>(
        `/api/company/calls/${call.callId}/accept`,
      );
      dismiss(call.callId);
      navigate(taken.takeOverPath);
    } catch (error) {
      dismiss(call.callId);
      if (isApiError(error, 'already_taken')) {
        toast({ title: 'Someone else took this call', variant: 'info' });
      } else if (isApiError(error, 'not_found')) {
        toast({ title: 'This call is no longer ringing', variant: 'info' });
      } else {
        toast({
          title: 'Could not take the call',
          description: errorMessage(error),
          variant: 'error',
        });
      }
    } finally {
      setAnswering(null);
    }
  };

  const decline = async () => {
    setAnswering({ callId: call.callId, kind: 'decline' });
    dismiss(call.callId);
    try {
      await api.post(`/api/company/calls/${call.callId}/decline`);
    } catch {
      // It stopped ringing meanwhile: declined either way.
    } finally {
      setAnswering(null);
    }
  };

  return (
    <RingingCallDialog
      key={call.callId}
      call={call}
      answering={answering?.callId === call.callId ? answering.kind : null}
      moreRinging={ringing.length - 1}
      onAccept={() => void accept()}
      onDecline={() => void decline()}
    />
  );
}
