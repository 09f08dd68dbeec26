import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AiProvider, ModelType } from '../../../shared/domain';
import { api } from './client';
import { masterKeys } from './keys';
import type { AiModel } from './types';

export function useMasterAiModels() {
  return useQuery({
    queryKey: masterKeys.aiModels(),
    queryFn: ({ signal }) =>
      api.get<{ models: AiModel[] }>('/api/master/ai-models', undefined, signal),
    select: (data) => data.models,
  });
}

export type AiModelInput = {
  provider: AiProvider;
  modelId: string;
  displayName: string;
  modelType: ModelType;
  isActive?: boolean;
};

function useInvalidateModels() {
  const queryClient = useQueryClient();
  // Company model pickers read the same rows through /api/company/ai-models.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: masterKeys.aiModels() }),
      queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'company' && query.queryKey[2] === 'ai-models',
      }),
    ]);
}

export function useCreateAiModel() {
  const invalidate = useInvalidateModels();
  return useMutation({
    mutationFn: (input: AiModelInput) =>
      api.post<{ model: AiModel }>('/api/master/ai-models', input),
    onSuccess: invalidate,
  });
}

export function useUpdateAiModel() {
  const invalidate = useInvalidateModels();
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<AiModelInput> & { id: string }) =>
      api.patch<{ model: AiModel }>(`/api/master/ai-models/${id}`, patch),
    onSettled: invalidate,
  });
}

export function useDeleteAiModel() {
  const invalidate = useInvalidateModels();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/master/ai-models/${id}`),
    onSuccess: invalidate,
  });
}
