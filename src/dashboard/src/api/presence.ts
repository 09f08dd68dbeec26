import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type Presence = 'available' | 'away';

export type TeamPerson = {
  userId: string;
  name: string;
  role: 'company_admin' | 'support_agent';
  presence: Presence;
  connected: boolean;
  available: boolean;
  liveCalls: number;
};

export type PresenceState = {
  presence: Presence;
  /** A dashboard tab of theirs has the agent event stream open. */
  connected: boolean;
  /** False for a master admin visiting a company they are no member of. */
  takesCalls: boolean;
  people: TeamPerson[];
};

const PATH = '/api/company/presence';

export const presenceKey = (companyId: string) => ['company', companyId, 'presence'] as const;

export function usePresence(companyId: string, enabled = true) {
  return useQuery({
    queryKey: presenceKey(companyId),
    queryFn: ({ signal }) => api.get<PresenceState>(PATH, undefined, signal),
    enabled,
  });
}

export function useSetPresence(companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (presence: Presence) => api.put<PresenceState>(PATH, { presence }),
    onSuccess: (data) => queryClient.setQueryData(presenceKey(companyId), data),
  });
}
