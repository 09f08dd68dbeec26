import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanyRole } from '../../../shared/domain';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { Member } from './types';

type MembersResponse = { members: Member[]; mailConfigured: boolean };

function useMembersQuery<T>(select: (data: MembersResponse) => T) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.members(companyId),
    queryFn: ({ signal }) => api.get<MembersResponse>('/api/company/members', undefined, signal),
    select,
  });
}

export const useMembers = () => useMembersQuery((data) => data.members);

/** Whether the server mails invitations (SMTP_URL) or hands the link to the inviting admin. */
export const useMailConfigured = () => useMembersQuery((data) => data.mailConfigured);

function useInvalidateMembers() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: companyKeys.members(companyId) });
}

export type InviteMemberInput = { email: string; role: CompanyRole; name?: string };

/** The link when there is no mail server to send it; otherwise it went to the invitee only. */
export type InviteDelivery = { inviteUrl: string | null; emailed: boolean };

export function useInviteMember() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: (input: InviteMemberInput) =>
      api.post<{ member: Member } & InviteDelivery>('/api/company/members', input),
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
