import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { companyKeys } from './keys';

export type AdminNotification = {
  id: string;
  kind: string;
  reason: string;
  title: string;
  body: string;
  chatbot: { id: string; name: string } | null;
  occurrences: number;
  readAt: string | null;
  createdAt: string;
  updatedAt: string;
};

type NotificationList = { notifications: AdminNotification[]; unreadCount: number };

// Failed calls are rare and never urgent to the second; a minute keeps the bell current enough.
const REFRESH_MS = 60_000;

/** What the company's admins should act on, newest first, and how many are unread. */
export function useNotifications(companyId: string) {
  return useQuery({
    queryKey: companyKeys.notifications(companyId),
    queryFn: ({ signal }) =>
      api.get<NotificationList>('/api/company/notifications', undefined, signal),
    refetchInterval: REFRESH_MS,
  });
}

export function useMarkNotificationRead(companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/company/notifications/${id}/read`, {}),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: companyKeys.notifications(companyId) }),
  });
}
