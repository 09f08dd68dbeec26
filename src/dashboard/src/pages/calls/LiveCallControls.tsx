import { useMutation } from '@tanstack/react-query';
import { Headphones, Phone } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { takeOverCall } from '../../api/take-over';
import { useSession } from '../../auth/session-context';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';
import { type ListenState, useListenIn } from '../take-over/use-listen-in';

const listenLabels: Record<ListenState, string> = {
  connecting: 'Connecting…',
  listening: 'Listening in. The caller cannot hear you.',
  ended: 'The call has ended.',
  failed: 'Listening in stopped.',
};

/** A live call: take it over and talk with the caller, or (admins) listen in unheard first. */
export function LiveCallControls({ callId }: { callId: string }) {
  const { isCompanyAdmin } = useSession();
  const navigate = useNavigate();
  const toast = useToast();
  const [listening, setListening] = useState(false);
  const listen = useListenIn(callId, listening);
  const take = useMutation({
    mutationFn: () => takeOverCall(callId),
    onSuccess: ({ takeOverPath }) => navigate(takeOverPath),
    onError: (error) =>
      toast({
        title: 'Could not take the call',
        description: errorMessage(error),
        variant: 'error',
      }),
  });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" pending={take.isPending} onClick={() => take.mutate()}>
          {!take.isPending && <Phone className="size-3.5" aria-hidden="true" />}
          Take over call
        </Button>
        {isCompanyAdmin && (
          <Button size="sm" aria-pressed={listening} onClick={() => setListening((on) => !on)}>
            <Headphones className="size-3.5" aria-hidden="true" />
            {listening ? 'Stop listening' : 'Listen in'}
          </Button>
        )}
      </div>
      {listening && (
        <p role="status" className="text-xs text-slate-600 dark:text-slate-300">
          {listenLabels[listen]}
        </p>
      )}
    </div>
  );
}
