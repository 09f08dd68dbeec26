import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanyRole } from '../../../shared/domain';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { Member } from './types';

export function useMembers() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.members(companyId),
    queryFn: ({ signal }) =>
      api.get<{ members: Member[] }>('/api/company/members', undefined, signal),
    select: (data) => data.members,
  });
}

function useInvalidateMembers() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: companyKeys.members(companyId) });
}

export type InviteMemberInput = { email: string; role: CompanyRole; name?: string };

export function useInviteMember() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: (input: InviteMemberInput) =>
      api.post<{ member: Member; inviteUrl?: string }>('/api/company/members', input),
    onSuccess: invalidate,
  });
}

export function useChangeMemberRole() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: CompanyRole }) =>
      api.patch<{ member: Member }>(`/api/company/members/${userId}`, { role }),
    onSettled: invalidate,
  });
}

export function useRemoveMember() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/api/company/members/${userId}`),
    onSuccess: invalidate,
  });
}
