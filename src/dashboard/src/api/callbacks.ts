import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';

export type CallbackStatus = 'scheduled' | 'done' | 'canceled';

export type Callback = {
  id: string;
  callId: string | null;
  phone: string;
  dueAt: string;
  note: string | null;
  status: CallbackStatus;
  callerName: string | null;
  assignedTo: { id: string; name: string } | null;
  placedCallId: string | null;
  /** The agent can place it from the chatbot's Twilio number. */
  canPlace: boolean;
  createdAt: string;
};

/** How often the due list looks again: a callback falls due without any event. */
const DUE_REFRESH_MS = 60_000;

export const callbackKeys = {
  all: (companyId: string) => [...companyKeys.all(companyId), 'callbacks'] as const,
  due: (companyId: string) => [...companyKeys.all(companyId), 'callbacks', 'due'] as const,
  ofCall: (companyId: string, callId: string) =>
    [...companyKeys.all(companyId), 'callbacks', 'call', callId] as const,
};

export function useDueCallbacks(enabled = true) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: callbackKeys.due(companyId),
    queryFn: ({ signal }) =>
      api.get<{ callbacks: Callback[] }>('/api/company/callbacks', { due: 'true' }, signal),
    select: (data) => data.callbacks,
    refetchInterval: DUE_REFRESH_MS,
    enabled,
  });
}

export function useCallCallbacks(callId: string) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: callbackKeys.ofCall(companyId, callId),
    queryFn: ({ signal }) =>
      api.get<{ callbacks: Callback[] }>('/api/company/callbacks', { callId }, signal),
    select: (data) => data.callbacks,
  });
}

function useRefreshCallbacks() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: callbackKeys.all(companyId) });
    void queryClient.invalidateQueries({ queryKey: companyKeys.calls(companyId) });
  };
}

export type CallbackInput = {
  dueAt: string;
  assignedToId?: string | null;
  note?: string | null;
  phone?: string;
};

export function useScheduleCallback(callId: string) {
  const refresh = useRefreshCallbacks();
  return useMutation({
    mutationFn: (input: CallbackInput) =>
      api.post<{ callback: Callback }>(`/api/company/calls/${callId}/callbacks`, input),
    onSuccess: refresh,
  });
}

export function useUpdateCallback(id: string) {
  const refresh = useRefreshCallbacks();
  return useMutation({
    mutationFn: (change: { status?: CallbackStatus; dueAt?: string }) =>
      api.patch<{ callback: Callback }>(`/api/company/callbacks/${id}`, change),
    onSettled: refresh,
  });
}

export function usePlaceCallback(id: string) {
  const refresh = useRefreshCallbacks();
  return useMutation({
    mutationFn: () =>
      api.post<{ callback: Callback; call: { id: string } }>(`/api/company/callbacks/${id}/place`),
    onSettled: refresh,
  });
}
