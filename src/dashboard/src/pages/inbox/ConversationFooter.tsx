import { useSendAgentMessage } from '../../api/inbox';
import type { InboxConversation } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { ChatComposer } from '../../components/chat/ChatComposer';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';
import { TakeOverButton } from './ConversationActions';
import { VoiceCallFooter } from './VoiceCallFooter';

/** The reply box for the agent who took the conversation, else what would let them reply. */
export function ConversationFooter({ conversation }: { conversation: InboxConversation }) {
  const { user } = useSession();
  const send = useSendAgentMessage(conversation.id);
  const toast = useToast();
  const { status, assignedUser } = conversation;

  if (conversation.call)
    return <VoiceCallFooter conversation={conversation} call={conversation.call} />;
  if (status === 'human' && assignedUser?.id === user.id) {
    return (
      <ChatComposer
        label="Reply to the visitor"
        placeholder="Write a reply… (Enter sends, Shift+Enter for a new line)"
        pending={send.isPending}
        onSend={(text) =>
          send.mutateAsync(text).then(
            () => true,
            (error: unknown) => {
              toast({
                title: 'Your reply was not sent',
                description: errorMessage(error),
                variant: 'error',
              });
              return false;
            },
          )
        }
      />
    );
  }

  const note =
    status === 'closed'
      ? 'This conversation is closed.'
      : status === 'human'
        ? `${assignedUser?.name ?? 'Another agent'} is handling this conversation.`
        : status === 'waiting_human'
          ? 'The visitor is waiting for a person. Take over to reply.'
          : 'The bot is answering. Take over to reply yourself.';
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-slate-50/60 px-4 py-3 dark:border-slate-800 dark:bg-slate-900/60">
      <p className="text-sm text-slate-600 dark:text-slate-300">{note}</p>
      {(status === 'waiting_human' || status === 'bot') && (
        <TakeOverButton conversationId={conversation.id} />
      )}
    </div>
  );
}
