import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BusinessHours,
  CallerListKind,
  RoutingAction,
  RoutingConditions,
  RoutingIntent,
  RoutingPreview,
  RoutingSource,
} from '../../../shared/call-routing';
import { api } from './client';
import { useCompanyId } from './company-scope';

const HOURS = '/api/company/business-hours';
const LISTS = '/api/company/caller-lists';
const RULES = '/api/company/routing-rules';

export type SavedBusinessHours = BusinessHours & { configured: boolean };

export type CallerList = {
  id: string;
  name: string;
  kind: CallerListKind;
  numbers: string[];
};

export type CallerListInput = { name: string; kind: CallerListKind; numbers: string[] };

export type RoutingRule = {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  chatbotId: string | null;
  integrationAccountId: string | null;
  conditions: RoutingConditions;
  action: RoutingAction;
};

export type RoutingRuleInput = Omit<RoutingRule, 'id' | 'position'>;

export type PreviewInput = {
  at: string;
  source: RoutingSource;
  callerNumber?: string;
  chatbotId?: string;
  integrationAccountId?: string;
  keypress?: string;
  /** What the caller says during the call: which intent rule would act then. */
  intent?: RoutingIntent;
  /** Unsaved rules to test instead of the saved ones. */
  rules?: Array<RoutingRuleInput & { id?: string }>;
};

const keys = {
  all: (companyId: string) => ['company', companyId, 'call-routing'] as const,
  hours: (companyId: string) => ['company', companyId, 'call-routing', 'hours'] as const,
  lists: (companyId: string) => ['company', companyId, 'call-routing', 'lists'] as const,
  rules: (companyId: string) => ['company', companyId, 'call-routing', 'rules'] as const,
};

export function useBusinessHours() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: keys.hours(companyId),
    queryFn: ({ signal }) =>
      api.get<{ businessHours: SavedBusinessHours }>(HOURS, undefined, signal),
    select: (data) => data.businessHours,
  });
}

export function useCallerLists() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: keys.lists(companyId),
    queryFn: ({ signal }) => api.get<{ callerLists: CallerList[] }>(LISTS, undefined, signal),
    select: (data) => data.callerLists,
  });
}

export function useRoutingRules() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: keys.rules(companyId),
    queryFn: ({ signal }) => api.get<{ rules: RoutingRule[] }>(RULES, undefined, signal),
    select: (data) => data.rules,
  });
}

function useInvalidateRouting() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.all(companyId) });
}

export function useSaveBusinessHours() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (hours: BusinessHours) =>
      api.put<{ businessHours: SavedBusinessHours }>(HOURS, hours),
    onSuccess: invalidate,
  });
}

export function useSaveCallerList() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: ({ id, ...input }: CallerListInput & { id?: string }) =>
      id
        ? api.patch<{ callerList: CallerList }>(`${LISTS}/${id}`, input)
        : api.post<{ callerList: CallerList }>(LISTS, input),
    onSuccess: invalidate,
  });
}

export function useDeleteCallerList() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${LISTS}/${id}`),
    onSuccess: invalidate,
  });
}

export function useSaveRoutingRule() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<RoutingRuleInput> & { id?: string }) =>
      id
        ? api.patch<{ rule: RoutingRule }>(`${RULES}/${id}`, input)
        : api.post<{ rule: RoutingRule }>(RULES, input),
    onSuccess: invalidate,
  });
}

export function useDeleteRoutingRule() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${RULES}/${id}`),
    onSuccess: invalidate,
  });
}

/** Puts the rules in this order; the list shows it at once and rolls back if the server refuses. */
export function useReorderRoutingRules() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<{ rules: RoutingRule[] }>(`${RULES}/order`, { ids }),
    onMutate: async (ids) => {
      const key = keys.rules(companyId);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<{ rules: RoutingRule[] }>(key);
      if (previous) {
        const byId = new Map(previous.rules.map((rule) => [rule.id, rule]));
        const rules = ids.flatMap((id) => byId.get(id) ?? []);
        queryClient.setQueryData(key, { rules });
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(keys.rules(companyId), context.previous);
    },
    onSettled: invalidate,
  });
}

export function usePreviewRouting() {
  return useMutation({
    mutationFn: (input: PreviewInput) => api.post<RoutingPreview>(`${RULES}/preview`, input),
  });
}
