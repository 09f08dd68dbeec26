import { Bot, CircleCheck, Hand } from 'lucide-react';
import { useState } from 'react';
import {
  useCloseConversation,
  useHandBackConversation,
  useTakeConversation,
} from '../../api/inbox';
import type { InboxConversation } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

/** Hand back to the bot and close, as the conversation's status allows. */
export function ConversationActions({ conversation }: { conversation: InboxConversation }) {
  const { user } = useSession();
  const handBack = useHandBackConversation();
  const close = useCloseConversation();
  const toast = useToast();
  const [confirmingClose, setConfirmingClose] = useState(false);
  const mine = conversation.assignedUser?.id === user.id;
  const { status } = conversation;

  const onError = (title: string) => (error: unknown) =>
    toast({ title, description: errorMessage(error), variant: 'error' });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {/* A live call is handed back from the call itself, where the caller is. */}
      {!conversation.call?.live && ((status === 'human' && mine) || status === 'waiting_human') && (
        <Button
          size="sm"
          pending={handBack.isPending}
          onClick={() =>
            handBack.mutate(conversation.id, {
              onSuccess: () => toast({ title: 'Handed back to the bot' }),
              onError: onError('Could not hand the conversation back'),
            })
          }
        >
          {!handBack.isPending && <Bot className="size-3.5" aria-hidden="true" />}
          Hand back to bot
        </Button>
      )}
      {status !== 'closed' && (
        <Button
          size="sm"
          onClick={() => {
            close.reset();
            setConfirmingClose(true);
          }}
        >
          <CircleCheck className="size-3.5" aria-hidden="true" />
          Close conversation
        </Button>
      )}
      <ConfirmDialog
        open={confirmingClose}
        onOpenChange={setConfirmingClose}
        title="Close this conversation?"
        description="The visitor is told the conversation has ended and the escalation is resolved."
        confirmLabel="Close conversation"
        destructive={false}
        pending={close.isPending}
        error={close.isError ? errorMessage(close.error) : null}
        onConfirm={() =>
          close.mutate(conversation.id, {
            onSuccess: () => {
              setConfirmingClose(false);
              toast({ title: 'Conversation closed' });
            },
          })
        }
      />
    </div>
  );
}

export function TakeOverButton({ conversationId }: { conversationId: string }) {
  const take = useTakeConversation();
  const toast = useToast();
  return (
    <Button
      variant="primary"
      pending={take.isPending}
      onClick={() =>
        take.mutate(conversationId, {
          onError: (error) =>
            toast({
              title: 'Could not take over',
              description: errorMessage(error),
              variant: 'error',
            }),
        })
      }
    >
      {!take.isPending && <Hand className="size-4" aria-hidden="true" />}
      Take over
    </Button>
  );
}
