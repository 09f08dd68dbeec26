import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { Call } from './types';

export function useCalls() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.calls(companyId),
    queryFn: ({ signal }) => api.get<{ calls: Call[] }>('/api/company/calls', undefined, signal),
    select: (data) => data.calls,
  });
}
