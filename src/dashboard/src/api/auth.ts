import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client';
import { inviteKey, meQueryKey } from './keys';
import type { Invite, Me } from './types';

/** `null` means "not signed in" (the API answered 401). */
export function useMeQuery() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await api.get<Me>('/api/auth/me', undefined, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export type LoginInput = { email: string; password: string };

// Signing in or out drops every company's data but keeps the `auth` queries:
// `me` is set right after, and the invitation page keeps showing its invitation.
const keepAuthQueries = {
  predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== 'auth',
};

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/api/auth/login', input),
    onSuccess: (me) => {
      queryClient.removeQueries(keepAuthQueries);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      queryClient.removeQueries(keepAuthQueries);
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

export function useSwitchCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (companyId: string) => api.post<Me>('/api/auth/active-company', { companyId }),
    onSuccess: async (me) => {
      queryClient.setQueryData(meQueryKey, me);
      await queryClient.invalidateQueries();
    },
  });
}

export function useInvite(token: string) {
  return useQuery({
    queryKey: inviteKey(token),
    queryFn: ({ signal }) =>
      api.get<Invite>(`/api/auth/invites/${encodeURIComponent(token)}`, undefined, signal),
  });
}

/** Name and password create a new account; an existing account accepts signed in, with `{}`. */
export type AcceptInviteInput = { name: string; password: string } | Record<string, never>;

export function useAcceptInvite(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInviteInput) =>
      api.post<Me>(`/api/auth/invites/${encodeURIComponent(token)}/accept`, input),
    onSuccess: (me) => {
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
