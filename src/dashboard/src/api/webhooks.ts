import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';

const base = '/api/company/webhooks';

export const WEBHOOK_EVENTS = [
  'call.started',
  'call.ended',
  'call.analyzed',
  'ticket.created',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type Webhook = {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  isActive: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
};

export type WebhookDelivery = {
  id: string;
  event: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type WebhookInput = { url: string; description: string; events: WebhookEvent[] };

/** An endpoint with its signing secret, answered only on create and rotate. */
export type WebhookWithSecret = { webhook: Webhook; secret: string };

const webhookKeys = {
  all: (companyId: string) => ['company', companyId, 'webhooks'] as const,
  deliveries: (companyId: string, id: string) =>
    ['company', companyId, 'webhooks', id, 'deliveries'] as const,
};

/** The company's endpoints; the layout's alert banner shares this query with the page. */
export function webhooksQuery(companyId: string) {
  return queryOptions({
    queryKey: webhookKeys.all(companyId),
    queryFn: ({ signal }) => api.get<{ webhooks: Webhook[] }>(base, undefined, signal),
    select: (data) => data.webhooks,
  });
}

export function useWebhooks() {
  return useQuery(webhooksQuery(useCompanyId()));
}

// Pending deliveries are retried in the background; the open log follows them.
const PENDING_REFRESH_MS = 5000;

export function useWebhookDeliveries(id: string) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: webhookKeys.deliveries(companyId, id),
    queryFn: ({ signal }) =>
      api.get<{ deliveries: WebhookDelivery[] }>(`${base}/${id}/deliveries`, undefined, signal),
    select: (data) => data.deliveries,
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((d) => d.status === 'pending') ? PENDING_REFRESH_MS : false,
  });
}

function useInvalidateWebhooks() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.all(companyId) });
}

export function useCreateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (input: WebhookInput) => api.post<WebhookWithSecret>(base, input),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<WebhookInput> & { id: string; isActive?: boolean }) =>
      api.patch<{ webhook: Webhook }>(`${base}/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base}/${id}`),
    onSuccess: invalidate,
  });
}

export function useRotateWebhookSecret() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookWithSecret>(`${base}/${id}/rotate-secret`, {}),
    onSuccess: invalidate,
  });
}

/** Sends a `webhook.test` event now; answers the delivery as the log shows it. */
export function useSendTestEvent() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (id: string) => api.post<{ delivery: WebhookDelivery }>(`${base}/${id}/test`, {}),
    onSuccess: invalidate,
  });
}
