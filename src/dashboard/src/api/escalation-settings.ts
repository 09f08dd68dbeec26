import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';

export type EscalationSettings = {
  ringStrategy: 'all' | 'least_busy';
  ringTimeoutSec: number;
  holdAudio: 'tone' | 'music';
};

const PATH = '/api/company/escalation-settings';

const escalationSettingsKey = (companyId: string) =>
  ['company', companyId, 'escalation-settings'] as const;

export function useEscalationSettings() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: escalationSettingsKey(companyId),
    queryFn: ({ signal }) =>
      api.get<{ escalationSettings: EscalationSettings }>(PATH, undefined, signal),
    select: (data) => data.escalationSettings,
  });
}

export function useUpdateEscalationSettings() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: EscalationSettings) =>
      api.put<{ escalationSettings: EscalationSettings }>(PATH, settings),
    onSuccess: (data) => queryClient.setQueryData(escalationSettingsKey(companyId), data),
  });
}
