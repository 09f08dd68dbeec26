import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { Call, IntegrationAccount } from './types';

export function useCalls() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.calls(companyId),
    queryFn: ({ signal }) => api.get<{ calls: Call[] }>('/api/company/calls', undefined, signal),
    select: (data) => data.calls,
  });
}

export function useIntegrationAccounts() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.integrationAccounts(companyId),
    queryFn: ({ signal }) =>
      api.get<{ accounts: IntegrationAccount[] }>(
        '/api/company/integration-accounts',
        undefined,
        signal,
      ),
    select: (data) => data.accounts,
  });
}
