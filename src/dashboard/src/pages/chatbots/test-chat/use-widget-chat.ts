import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { WidgetApi, WidgetChat } from '../../../api/widget-chat';

const widgetApi = new WidgetApi();

/** The public widget configuration, as a visitor's browser would load it. */
export function useWidgetConfig(publicId: string) {
  return useQuery({
    queryKey: ['widget', publicId, 'config'],
    queryFn: ({ signal }) => widgetApi.getConfig(publicId, signal),
    staleTime: 0,
  });
}

/** A visitor's conversation with the chatbot, live while the component is mounted. */
export function useWidgetChat(publicId: string) {
  const [chat] = useState(() => new WidgetChat(publicId, widgetApi));
  useEffect(() => () => chat.close(), [chat]);
  const state = useSyncExternalStore(chat.subscribe, chat.getState);
  return { chat, state };
}
