import { useQuery } from '@tanstack/react-query';
import type { ChatbotType } from '../../../shared/domain';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { AiModel, ChatbotPackage } from './types';

/** Active AI models the company may use for a purpose (`both` counts for each). */
export function useCompanyAiModels(modelType: 'chat' | 'call', enabled = true) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.aiModels(companyId, modelType),
    queryFn: ({ signal }) =>
      api.get<{ models: AiModel[] }>('/api/company/ai-models', { modelType }, signal),
    select: (data) => data.models,
    enabled,
  });
}

/** Active packages offered for a chatbot type. */
export function useCompanyPackages(chatbotType: ChatbotType, enabled = true) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.packages(companyId, chatbotType),
    queryFn: ({ signal }) =>
      api.get<{ packages: ChatbotPackage[] }>(
        '/api/company/chatbot-packages',
        { chatbotType },
        signal,
      ),
    select: (data) => data.packages,
    enabled,
  });
}
