import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { InboxConversation, InboxMessage } from './types';

const base = '/api/company/inbox/conversations';

/** The list filters of the Inbox page; `open` = waiting_human + human. */
export const inboxFilters = ['waiting_human', 'human', 'open', 'closed'] as const;
export type InboxFilter = (typeof inboxFilters)[number];

export type InboxConversationDetail = {
  conversation: InboxConversation;
  messages: InboxMessage[];
};

export function useInboxConversations(status: InboxFilter) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.inboxConversations(companyId, status),
    queryFn: ({ signal }) =>
      api.get<{ conversations: InboxConversation[] }>(base, { status }, signal),
    select: (data) => data.conversations,
  });
}

export function useInboxConversation(id: string | null) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.inboxConversation(companyId, id ?? ''),
    queryFn: ({ signal }) => api.get<InboxConversationDetail>(`${base}/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** Adds a message to a loaded conversation once, whether the request or the stream brings it first. */
export function addInboxMessage(
  queryClient: QueryClient,
  companyId: string,
  conversationId: string,
  message: InboxMessage,
) {
  queryClient.setQueryData<InboxConversationDetail>(
    companyKeys.inboxConversation(companyId, conversationId),
    (current) => {
      if (!current) return current;
      const index = current.messages.findIndex((m) => m.id === message.id);
      const messages =
        index === -1
          ? [...current.messages, message]
          : current.messages.map((m, i) => (i === index ? message : m));
      return { ...current, messages };
    },
  );
}

function useConversationAction(action: 'take' | 'hand-back' | 'close') {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`${base}/${id}/${action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKeys.inbox(companyId) }),
  });
}

export const useTakeConversation = () => useConversationAction('take');
export const useHandBackConversation = () => useConversationAction('hand-back');
export const useCloseConversation = () => useConversationAction('close');

export function useSendAgentMessage(conversationId: string) {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (content: string) =>
      api.post<{ message: InboxMessage }>(`${base}/${conversationId}/messages`, { content }),
    onSuccess: ({ message }) => {
      addInboxMessage(queryClient, companyId, conversationId, message);
      return queryClient.invalidateQueries({
        queryKey: [...companyKeys.inbox(companyId), 'conversations'],
      });
    },
  });
}
