import type { PublicWidgetConfig } from '../types';

export async function fetchWidgetConfig(
  apiBase: string,
  chatbotId: string,
): Promise<PublicWidgetConfig> {
  const response = await fetch(`${apiBase}/api/widget/${encodeURIComponent(chatbotId)}/config`, {
    credentials: 'omit',
  });
  if (!response.ok) {
    throw new Error(`chatbot "${chatbotId}" is not available (HTTP ${response.status})`);
  }
  return (await response.json()) as PublicWidgetConfig;
}
