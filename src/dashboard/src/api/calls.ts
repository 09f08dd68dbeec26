import {
  type InfiniteData,
  type QueryClient,
  type QueryKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { Call, CallDetails, CallStats, CallTranscriptLine } from './types';

export const callTabs = ['all', 'attention', 'handled', 'in_progress'] as const;
export type CallTab = (typeof callTabs)[number];

export type CallFilters = {
  tab: CallTab;
  /** Caller name or number, summary or transcript words. */
  q: string;
  /** ISO start of the date range; it is open-ended so new calls keep appearing. */
  from: string | undefined;
  /** Only calls this routing rule routed. */
  routingRule?: string | undefined;
};

type CallPage = { calls: Call[]; nextCursor: string | null };
type CallListData = InfiniteData<CallPage, string | null>;

const tabParams: Record<CallTab, Record<string, string>> = {
  all: {},
  attention: { attention: 'true' },
  handled: { handled: 'true' },
  in_progress: { status: 'in_progress' },
};

/** The list's query parameters, shared by the list and its CSV export. */
export function callListParams({ tab, q, from, routingRule }: CallFilters): Record<string, string> {
  const params: Record<string, string> = { ...tabParams[tab] };
  if (q.trim()) params.q = q.trim();
  if (from) params.from = from;
  if (routingRule) params.routingRule = routingRule;
  return params;
}

export const callsExportUrl = (filters: CallFilters) =>
  `/api/company/calls/export.csv?${new URLSearchParams(callListParams(filters))}`;

export const callPdfUrl = (id: string) => `/api/company/calls/${id}/export.pdf`;

export function useCallList(filters: CallFilters) {
  const companyId = useCompanyId();
  const params = callListParams(filters);
  return useInfiniteQuery({
    queryKey: [...companyKeys.callLists(companyId), params],
    queryFn: ({ pageParam, signal }) =>
      api.get<CallPage>(
        '/api/company/calls',
        pageParam ? { ...params, cursor: pageParam } : params,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCallStats(from: string | undefined) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: [...companyKeys.callStats(companyId), from ?? null],
    queryFn: ({ signal }) =>
      api.get<CallStats>('/api/company/calls/stats', from ? { from } : undefined, signal),
  });
}

export function useCallDetails(id: string | null) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.call(companyId, id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ call: CallDetails }>(`/api/company/calls/${id}`, undefined, signal),
    select: (data) => data.call,
    enabled: id !== null,
  });
}

/** Applies `patch` to the call wherever a list or its details hold it. */
export function patchCachedCall(
  queryClient: QueryClient,
  companyId: string,
  id: string,
  patch: Partial<Call>,
): void {
  queryClient.setQueriesData<CallListData>(
    { queryKey: companyKeys.callLists(companyId) },
    (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              calls: page.calls.map((call) => (call.id === id ? { ...call, ...patch } : call)),
            })),
          }
        : data,
  );
  queryClient.setQueryData<{ call: CallDetails }>(companyKeys.call(companyId, id), (data) =>
    data ? { call: { ...data.call, ...patch } } : data,
  );
}

/** Adds a line the live call just spoke to its open details, once. */
export function addTranscriptLine(
  queryClient: QueryClient,
  companyId: string,
  id: string,
  line: CallTranscriptLine,
): void {
  queryClient.setQueryData<{ call: CallDetails }>(companyKeys.call(companyId, id), (data) => {
    if (!data || data.call.transcript.some((known) => known.seq === line.seq)) return data;
    const transcript = [...data.call.transcript, line].sort((a, b) => a.seq - b.seq);
    return { call: { ...data.call, transcript } };
  });
}

/** Lists, counts and the call's details refetch: something about it changed on the server. */
export function refreshCall(queryClient: QueryClient, companyId: string, id?: string) {
  void queryClient.invalidateQueries({ queryKey: companyKeys.callLists(companyId) });
  void queryClient.invalidateQueries({ queryKey: companyKeys.callStats(companyId) });
  if (id) void queryClient.invalidateQueries({ queryKey: companyKeys.call(companyId, id) });
}

export type CallUpdate = { isHandled?: boolean; notes?: string };

/** Saves a call's handled flag or notes; the handled flag shows at once and is undone on error. */
export function useUpdateCall(id: string) {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: CallUpdate) =>
      api.patch<{ call: Call }>(`/api/company/calls/${id}`, update),
    onMutate: async (update) => {
      if (update.isHandled === undefined) return { snapshot: [] };
      await queryClient.cancelQueries({ queryKey: companyKeys.calls(companyId) });
      const snapshot: Array<[QueryKey, unknown]> = [
        ...queryClient.getQueriesData({ queryKey: companyKeys.callLists(companyId) }),
        [
          companyKeys.call(companyId, id),
          queryClient.getQueryData(companyKeys.call(companyId, id)),
        ],
      ];
      patchCachedCall(queryClient, companyId, id, {
        isHandled: update.isHandled,
        handledAt: update.isHandled ? new Date().toISOString() : null,
      });
      return { snapshot };
    },
    onError: (_error, _update, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: ({ call }) => patchCachedCall(queryClient, companyId, id, call),
    onSettled: () => refreshCall(queryClient, companyId, id),
  });
}

export function useDeleteCall(id: string) {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/company/calls/${id}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: companyKeys.call(companyId, id) });
      refreshCall(queryClient, companyId);
    },
  });
}
