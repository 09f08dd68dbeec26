import { useMutation } from '@tanstack/react-query';
import { Headphones, Phone } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import { takeOverCall } from '../../api/take-over';
import type { InboxConversation } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

type VoiceCall = NonNullable<InboxConversation['call']>;

/**
 * A voice call's conversation: the caller cannot read typed replies, so the
 * way in is the call itself (take it over and talk), or its record once over.
 */
export function VoiceCallFooter({
  conversation,
  call,
}: {
  conversation: InboxConversation;
  call: VoiceCall;
}) {
  const { user } = useSession();
  const navigate = useNavigate();
  const toast = useToast();
  const take = useMutation({
    mutationFn: () => takeOverCall(call.id),
    onSuccess: ({ takeOverPath }) => navigate(takeOverPath),
    onError: (error) =>
      toast({
        title: 'Could not take the call',
        description: errorMessage(error),
        variant: 'error',
      }),
  });
  const { status, assignedUser } = conversation;
  const mine = status === 'human' && assignedUser?.id === user.id;

  const note = !call.live
    ? 'This call has ended. Its transcript, recording and summary are on the Calls page.'
    : mine
      ? 'You are on this call.'
      : status === 'human'
        ? `${assignedUser?.name ?? 'Another agent'} is on this call.`
        : status === 'waiting_human'
          ? 'The caller is waiting for a person. Take the call to talk with them.'
          : 'The AI assistant is on this call. Take it over to talk with the caller yourself.';
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-slate-50/60 px-4 py-3 dark:border-slate-800 dark:bg-slate-900/60">
      <p className="text-sm text-slate-600 dark:text-slate-300">{note}</p>
      {!call.live ? (
        <Button size="sm" asChild>
          <Link to={`/calls?call=${call.id}`}>
            <Phone className="size-3.5" aria-hidden="true" />
            Open call
          </Link>
        </Button>
      ) : mine ? (
        <Button variant="primary" asChild>
          <Link to={`/calls/${call.id}/take-over`}>
            <Headphones className="size-4" aria-hidden="true" />
            Back to the call
          </Link>
        </Button>
      ) : (
        status !== 'human' && (
          <Button variant="primary" pending={take.isPending} onClick={() => take.mutate()}>
            {!take.isPending && <Headphones className="size-4" aria-hidden="true" />}
            Take the call
          </Button>
        )
      )}
    </div>
  );
}
