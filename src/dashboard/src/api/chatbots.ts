import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgentDefinition, ChatbotSettingsPatch } from '../../../shared/chatbot-settings';
import type { ChatbotType } from '../../../shared/domain';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { Chatbot } from './types';

export type ChatbotInput = {
  name: string;
  description?: string;
  chatbotType: ChatbotType;
  packageId?: string | null;
  chatModelId?: string | null;
  instructions?: string;
  isActive?: boolean;
  settings?: ChatbotSettingsPatch;
  agentsList?: AgentDefinition[];
};

export type ChatbotPatch = Partial<Omit<ChatbotInput, 'chatbotType'>>;

export function useChatbots() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.chatbots(companyId),
    queryFn: ({ signal }) =>
      api.get<{ chatbots: Chatbot[] }>('/api/company/chatbots', undefined, signal),
    select: (data) => data.chatbots,
  });
}

export function useChatbot(id: string) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.chatbot(companyId, id),
    queryFn: ({ signal }) =>
      api.get<{ chatbot: Chatbot }>(`/api/company/chatbots/${id}`, undefined, signal),
    select: (data) => data.chatbot,
  });
}

export function useCreateChatbot() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChatbotInput) =>
      api.post<{ chatbot: Chatbot }>('/api/company/chatbots', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKeys.chatbots(companyId) }),
  });
}

export function useUpdateChatbot(id: string) {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ChatbotPatch) =>
      api.patch<{ chatbot: Chatbot }>(`/api/company/chatbots/${id}`, patch),
    onSuccess: (data) => {
      queryClient.setQueryData(companyKeys.chatbot(companyId, id), data);
      return queryClient.invalidateQueries({
        queryKey: companyKeys.chatbots(companyId),
        exact: true,
      });
    },
  });
}

export function useDeleteChatbot() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/company/chatbots/${id}`),
    // The detail entry is left alone: removing it would make the still-mounted page refetch a 404.
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: companyKeys.chatbots(companyId), exact: true }),
  });
}
