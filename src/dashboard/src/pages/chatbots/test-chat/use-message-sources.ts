import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useCompanyId } from '../../../api/company-scope';
import { useInboxConversation } from '../../../api/inbox';
import { companyKeys } from '../../../api/keys';
import type { MessageSource } from '../../../api/widget-chat';

/**
 * The knowledge sources of the test conversation's answers. The widget API keeps them
 * from visitors, so they come from the team's view of the same conversation.
 */
export function useMessageSources(
  conversationId: string | null,
  streamingId: string | null,
): Map<string, MessageSource[]> {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  const detail = useInboxConversation(conversationId);

  // A finished answer may have been stored after the conversation was last read.
  useEffect(() => {
    if (streamingId !== null || conversationId === null) return;
    void queryClient.invalidateQueries({
      queryKey: companyKeys.inboxConversation(companyId, conversationId),
    });
  }, [streamingId, conversationId, companyId, queryClient]);

  const sources = new Map<string, MessageSource[]>();
  for (const message of detail.data?.messages ?? []) {
    if (message.metadata?.sources?.length) sources.set(message.id, message.metadata.sources);
  }
  return sources;
}
