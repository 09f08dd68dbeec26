import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import { openEventStream, type StreamState } from './event-stream';
import { addInboxMessage } from './inbox';
import { companyKeys } from './keys';
import type { InboxMessage } from './types';

export type InboxConnection = StreamState | 'off';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Follows the active company's Inbox events and keeps the Inbox queries current:
 * new messages are added to an open conversation, lists and counts refetch.
 */
export function useInboxEventStream(companyId: string | null): InboxConnection {
  const queryClient = useQueryClient();
  const [state, setState] = useState<InboxConnection>('off');

  useEffect(() => {
    if (!companyId) {
      setState('off');
      return;
    }
    const inbox = companyKeys.inbox(companyId);
    const refreshLists = () =>
      queryClient.invalidateQueries({ queryKey: [...inbox, 'conversations'] });
    const stream = openEventStream({
      url: '/api/company/inbox/events',
      onStateChange: setState,
      // Whatever happened while disconnected is only in the server's lists.
      onOpen: (reconnected) => {
        if (reconnected) void queryClient.invalidateQueries({ queryKey: inbox });
      },
      handlers: {
        'conversation.updated': (data) => {
          if (!isObject(data) || typeof data.conversationId !== 'string') return;
          void refreshLists();
          void queryClient.invalidateQueries({
            queryKey: companyKeys.inboxConversation(companyId, data.conversationId),
          });
        },
        'message.created': (data) => {
          if (!isObject(data) || typeof data.conversationId !== 'string') return;
          const message = data.message as InboxMessage | undefined;
          if (isObject(message) && typeof message.id === 'string' && message.content) {
            addInboxMessage(queryClient, companyId, data.conversationId, message);
          } else {
            // A reply that is still streaming: its text is only complete on the server.
            void queryClient.invalidateQueries({
              queryKey: companyKeys.inboxConversation(companyId, data.conversationId),
            });
          }
          void refreshLists();
        },
      },
    });
    return () => stream.close();
  }, [companyId, queryClient]);

  return state;
}

export const InboxConnectionContext = createContext<InboxConnection>('off');

/** Whether the Inbox is receiving live updates, for a status line on the page. */
export function useInboxConnection(): InboxConnection {
  return useContext(InboxConnectionContext);
}
