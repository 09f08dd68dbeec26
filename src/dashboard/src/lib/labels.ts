import type { AiProvider, ChatbotType, CompanyRole } from '../../../shared/domain';

export const roleLabels: Record<CompanyRole, string> = {
  company_admin: 'Company admin',
  support_agent: 'Support agent',
};

export const providerLabels: Record<AiProvider, string> = {
  openai: 'OpenAI',
  gemini: 'Google Gemini',
  local: 'Local engine',
};

export const chatbotTypeLabels: Record<ChatbotType, string> = {
  chat: 'Chat',
  call: 'Call',
};

export function providerLabel(provider: string): string {
  return providerLabels[provider as AiProvider] ?? provider;
}
