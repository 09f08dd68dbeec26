import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChatbotType } from '../../../shared/domain';
import { api } from './client';
import { masterKeys } from './keys';
import type { ChatbotPackage, PackageLimits } from './types';

export function useMasterPackages() {
  return useQuery({
    queryKey: masterKeys.packages(),
    queryFn: ({ signal }) =>
      api.get<{ packages: ChatbotPackage[] }>('/api/master/chatbot-packages', undefined, signal),
    select: (data) => data.packages,
  });
}

export type PackageInput = {
  name: string;
  description?: string;
  chatbotType: ChatbotType;
  limits?: PackageLimits;
  isActive?: boolean;
};

function useInvalidatePackages() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: masterKeys.packages() }),
      queryClient.invalidateQueries({
        predicate: (query) =>
          query.queryKey[0] === 'company' && query.queryKey[2] === 'chatbot-packages',
      }),
    ]);
}

export function useCreatePackage() {
  const invalidate = useInvalidatePackages();
  return useMutation({
    mutationFn: (input: PackageInput) =>
      api.post<{ package: ChatbotPackage }>('/api/master/chatbot-packages', input),
    onSuccess: invalidate,
  });
}

export function useUpdatePackage() {
  const invalidate = useInvalidatePackages();
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<PackageInput> & { id: string }) =>
      api.patch<{ package: ChatbotPackage }>(`/api/master/chatbot-packages/${id}`, patch),
    onSettled: invalidate,
  });
}

export function useDeletePackage() {
  const invalidate = useInvalidatePackages();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/master/chatbot-packages/${id}`),
    onSuccess: invalidate,
  });
}
