import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { masterKeys, meQueryKey } from './keys';
import type { Company } from './types';

type CompanyResponse = { company: Company };

export function useMasterCompanies() {
  return useQuery({
    queryKey: masterKeys.companies(),
    queryFn: ({ signal }) =>
      api.get<{ companies: Company[] }>('/api/master/companies', undefined, signal),
    select: (data) => data.companies,
  });
}

export function useMasterCompany(id: string) {
  return useQuery({
    queryKey: masterKeys.company(id),
    queryFn: ({ signal }) =>
      api.get<CompanyResponse>(`/api/master/companies/${id}`, undefined, signal),
    select: (data) => data.company,
  });
}

export type CreateCompanyInput = {
  name: string;
  slug?: string;
  admin?: { email: string; name?: string };
};

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCompanyInput) =>
      api.post<{
        company: Company;
        invite?: { email: string; inviteUrl: string | null; emailed: boolean; error?: string };
      }>('/api/master/companies', input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: masterKeys.companies() }),
        // A master admin becomes a member of every active company.
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}

export type UpdateCompanyInput = { name?: string; slug?: string; isActive?: boolean };

export function useUpdateCompany(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateCompanyInput) =>
      api.patch<CompanyResponse>(`/api/master/companies/${id}`, input),
    onSuccess: (data) => {
      queryClient.setQueryData(masterKeys.company(id), data);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: masterKeys.companies(), exact: true }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}

export type CompanySettingsPatch = {
  features?: { callEnabled?: boolean };
  limits?: { maxConcurrentCalls?: number };
};

function applySettingsPatch(company: Company, patch: CompanySettingsPatch): Company {
  return {
    ...company,
    settings: {
      features: { ...company.settings.features, ...patch.features },
      limits: { ...company.settings.limits, ...patch.limits },
    },
  };
}

/** Optimistic: the switch moves at once and moves back if the server refuses. */
export function useUpdateCompanySettings(id: string) {
  const queryClient = useQueryClient();
  const key = masterKeys.company(id);
  return useMutation({
    mutationFn: (patch: CompanySettingsPatch) =>
      api.patch<CompanyResponse>(`/api/master/companies/${id}/settings`, patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<CompanyResponse>(key);
      if (previous) {
        queryClient.setQueryData<CompanyResponse>(key, {
          company: applySettingsPatch(previous.company, patch),
        });
      }
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (data) => queryClient.setQueryData(key, data),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: masterKeys.companies(), exact: true }),
        // The company's features are part of `me` (navigation shows Calls when enabled).
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}
