import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';

export type TicketStatus = 'open' | 'closed';

export type Ticket = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  conversationId: string | null;
  callId: string | null;
  source: 'call' | 'chat';
  name: string;
  phone: string;
  email: string;
  message: string;
  status: TicketStatus;
  assignedTo: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
};

export type TicketFilters = {
  status: TicketStatus | 'all';
  /** `me`, `unassigned`, a member's id or `all`. */
  assignee: string;
  source: 'call' | 'chat' | 'all';
  q: string;
};

type TicketPage = { tickets: Ticket[]; nextCursor: string | null };

export const ticketKeys = {
  all: (companyId: string) => [...companyKeys.all(companyId), 'tickets'] as const,
};

function ticketParams(filters: TicketFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.status !== 'all') params.status = filters.status;
  if (filters.assignee !== 'all') params.assignee = filters.assignee;
  if (filters.source !== 'all') params.source = filters.source;
  if (filters.q.trim()) params.q = filters.q.trim();
  return params;
}

export function useTicketList(filters: TicketFilters) {
  const companyId = useCompanyId();
  const params = ticketParams(filters);
  return useInfiniteQuery({
    queryKey: [...ticketKeys.all(companyId), 'list', params],
    queryFn: ({ pageParam, signal }) =>
      api.get<TicketPage>(
        '/api/company/tickets',
        pageParam ? { ...params, cursor: pageParam } : params,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Tickets lists and the calls that show them refetch. */
function useRefreshTickets() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.all(companyId) });
    void queryClient.invalidateQueries({ queryKey: companyKeys.calls(companyId) });
  };
}

export type TicketInput = {
  callId?: string;
  name?: string;
  phone?: string;
  message?: string;
  assignedToId?: string | null;
};

export function useCreateTicket() {
  const refresh = useRefreshTickets();
  return useMutation({
    mutationFn: (input: TicketInput) => api.post<{ ticket: Ticket }>('/api/company/tickets', input),
    onSuccess: refresh,
  });
}

export type TicketChange = {
  status?: TicketStatus;
  assignedToId?: string | null;
  message?: string;
};

export function useUpdateTicket(id: string) {
  const refresh = useRefreshTickets();
  return useMutation({
    mutationFn: (change: TicketChange) =>
      api.patch<{ ticket: Ticket }>(`/api/company/tickets/${id}`, change),
    onSettled: refresh,
  });
}

export function useTicket(id: string) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: [...ticketKeys.all(companyId), 'detail', id],
    queryFn: ({ signal }) =>
      api.get<{ ticket: Ticket }>(`/api/company/tickets/${id}`, undefined, signal),
    select: (data) => data.ticket,
  });
}
