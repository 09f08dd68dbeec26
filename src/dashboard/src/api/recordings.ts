import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';

export type RecordingSettings = { retentionDays: number };

const recordingSettingsKey = (companyId: string) =>
  ['company', companyId, 'recording-settings'] as const;

const PATH = '/api/company/recording-settings';

export function useRecordingSettings(enabled: boolean) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: recordingSettingsKey(companyId),
    queryFn: ({ signal }) =>
      api.get<{ recordingSettings: RecordingSettings }>(PATH, undefined, signal),
    select: (data) => data.recordingSettings,
    enabled,
  });
}

export function useUpdateRecordingSettings() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: RecordingSettings) =>
      api.patch<{ recordingSettings: RecordingSettings }>(PATH, settings),
    onSuccess: (data) => queryClient.setQueryData(recordingSettingsKey(companyId), data),
  });
}
